/**
 * Opt-in reply validation. The core only knows this small function type; `@centkit/validators`
 * is loaded with a dynamic import the first time it is needed, so a client without
 * `validateReplies` never loads ajv or the schemas.
 */
import type { ContractIssue } from './errors.js';
import { CentContractError, CentUsageError } from './errors.js';

export type ValidationOutcome = { ok: true; value?: unknown } | { ok: false; errors: readonly ContractIssue[] };

/** Checks one successful reply body of `method`. */
export type ReplyValidator = (method: string, body: unknown) => ValidationOutcome | Promise<ValidationOutcome>;

/** The validator of `@centkit/validators` (typed view of each method's result schema). */
export async function loadSchemaValidator(): Promise<ReplyValidator> {
  let validate: typeof import('@centkit/validators').validate;
  try {
    ({ validate } = await import('@centkit/validators'));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new CentUsageError(`validateReplies: true needs @centkit/validators, which failed to load: ${detail}`);
  }
  return (method, body) => validate(method, 'result', body);
}

/** Validates `body`, returning the (possibly normalised) value or throwing `CentContractError`. */
export async function checkReply(
  validator: ReplyValidator,
  method: string,
  body: unknown,
  index?: number,
): Promise<unknown> {
  const outcome = await validator(method, body);
  if (outcome.ok) return 'value' in outcome ? outcome.value : body;
  throw new CentContractError(index === undefined ? { method, issues: outcome.errors } : { method, issues: outcome.errors, index });
}
