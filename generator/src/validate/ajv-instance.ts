import { Ajv, type ErrorObject } from 'ajv';
import type { Problem } from './problem.js';

/** An ajv instance for checking schema files and manifests (not the generated validators). */
export function createCheckingAjv(): Ajv {
  return new Ajv({ allErrors: true, strict: false, validateSchema: false });
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
  if (e.keyword === 'enum') return `${e.message ?? 'invalid'}: ${JSON.stringify(e.params['allowedValues'])}`;
  return e.message ?? `fails ${e.keyword}`;
}
