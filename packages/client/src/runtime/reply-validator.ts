/**
 * Opt-in schema checks of replies (`validateReplies`) and params (`validateParams`). The core only
 * knows these small function types; the protocol's validators (`@centkit/validators` for 1.x) are
 * loaded with a dynamic import the first time they are needed, so a client that checks nothing
 * never loads ajv or the schemas.
 */
import type { ContractIssue } from './errors.js';
import { CentContractError, CentParamsError, CentUsageError } from './errors.js';

export type ValidationOutcome = { ok: true; value?: unknown } | { ok: false; errors: readonly ContractIssue[] };

/** Checks one successful reply body of `method`. */
export type ReplyValidator = (method: string, body: unknown) => ValidationOutcome | Promise<ValidationOutcome>;

/** Checks the params of one command of `method` before it is sent. */
export type ParamsValidator = (method: string, params: unknown) => ValidationOutcome | Promise<ValidationOutcome>;

/** A protocol's `validate(method, kind, value)` (typed view), as `@centkit/validators` exports it. */
export type SchemaValidate = (method: string, kind: 'params' | 'result', value: unknown) => ValidationOutcome;

/** Where a protocol's validators come from: a dynamic import, and its name for error messages. */
export interface ValidatorSource {
  module: string;
  load: () => Promise<SchemaValidate>;
}

/** Loads `source`; a failure becomes a `CentUsageError` naming the option that needed it. */
export async function loadSchemaValidate(source: ValidatorSource, option: string): Promise<SchemaValidate> {
  try {
    return await source.load();
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new CentUsageError(`${option}: true needs ${source.module}, which failed to load: ${detail}`);
  }
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
  throw new CentContractError(
    index === undefined ? { method, issues: outcome.errors } : { method, issues: outcome.errors, index },
  );
}

/** Validates `params`, throwing `CentParamsError` when they break the schema. */
export async function checkParams(
  validator: ParamsValidator,
  method: string,
  params: unknown,
  index?: number,
): Promise<void> {
  const outcome = await validator(method, params);
  if (outcome.ok) return;
  throw new CentParamsError(
    index === undefined ? { method, issues: outcome.errors } : { method, issues: outcome.errors, index },
  );
}
