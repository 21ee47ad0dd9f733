import { Ajv, type ErrorObject } from 'ajv';
import type { Problem } from './problem.js';

/**
 * An ajv instance for checking schema files and manifests (not the generated validators). Its
 * schemas (the config's, the manifest's, draft-07's) are compiled on every run and each checks a
 * few files once, so ajv's passes that tidy the code it generates are left out (`optimize`): they
 * change how the checks read, not what they find, and cost some 40 ms of a cold
 * `centkit generate` (`npm run bench -- generator`).
 */
export function createCheckingAjv(): Ajv {
  return new Ajv({
    allErrors: true,
    strict: false,
    validateSchema: false,
    verbose: true,
    discriminator: true,
    code: { optimize: false },
  });
}

/** ajv errors as problems of one file. */
export function toProblems(errors: readonly ErrorObject[] | null | undefined, file: string, code: string): Problem[] {
  return (errors ?? []).map((e) => ({
    code,
    file,
    path: e.instancePath,
    message: describe(e),
  }));
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `unknown property "${String(e.params['additionalProperty'])}"`;
  // A name refused by `propertyNames` (its own error and the one of the schema it failed).
  const name = e.keyword === 'propertyNames' ? e.params['propertyName'] : e.propertyName;
  if (name !== undefined) return `unknown property "${String(name)}"`;
  const rule = (e.parentSchema as { description?: unknown } | undefined)?.description;
  if (e.keyword === 'not' && typeof rule === 'string') return rule;
  if (e.keyword === 'enum') return `${e.message ?? 'invalid'}: ${JSON.stringify(e.params['allowedValues'])}`;
  return e.message ?? `fails ${e.keyword}`;
}
