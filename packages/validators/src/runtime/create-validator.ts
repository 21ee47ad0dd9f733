/** One reason a value does not match a schema. */
export interface ValidationIssue {
  /** JSON pointer to the offending value, e.g. `/channel` ('' for the value itself). */
  readonly path: string;
  readonly message: string;
  /** The JSON Schema keyword that failed, e.g. `required`, `type`. */
  readonly keyword: string;
  /** Where the rule is in the schema, e.g. `#/definitions/PublishParams/required`. */
  readonly schemaPath: string;
}

export type ValidationResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly ValidationIssue[] };

/** Checks an unknown value; on success the value is narrowed to `T`. */
export type Validator<T> = (value: unknown) => ValidationResult<T>;

/** The shape of an ajv standalone validation function. */
interface AjvError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}
export interface RawValidator {
  (data: unknown): boolean;
  errors?: readonly AjvError[] | null;
}

/** Wraps ajv's generated function into a `Validator` that returns data instead of mutating state. */
export function createValidator<T>(raw: RawValidator): Validator<T> {
  return (value) =>
    raw(value) ? { ok: true, value: value as T } : { ok: false, errors: (raw.errors ?? []).map(toIssue) };
}

function toIssue(error: AjvError): ValidationIssue {
  const { instancePath, keyword, params, schemaPath } = error;
  if (keyword === 'required') {
    return {
      path: `${instancePath}/${escape(String(params['missingProperty']))}`,
      message: 'is required',
      keyword,
      schemaPath,
    };
  }
  if (keyword === 'additionalProperties') {
    return {
      path: `${instancePath}/${escape(String(params['additionalProperty']))}`,
      message: 'is not allowed here',
      keyword,
      schemaPath,
    };
  }
  return { path: instancePath, message: error.message ?? `fails "${keyword}"`, keyword, schemaPath };
}

function escape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Issues as one line each: `/channel: is required`. */
export function formatIssues(errors: readonly ValidationIssue[]): string {
  return errors.map((e) => `${e.path === '' ? '(root)' : e.path}: ${e.message}`).join('; ');
}
