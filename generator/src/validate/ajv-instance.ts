import { Ajv, type ErrorObject } from 'ajv';
import type { Problem } from './problem.js';

/** An ajv instance for checking schema files and manifests (not the generated validators). */
export function createCheckingAjv(): Ajv {
  return new Ajv({ allErrors: true, strict: false, validateSchema: false, verbose: true, discriminator: true });
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
