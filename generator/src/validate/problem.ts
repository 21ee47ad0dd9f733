/** One thing wrong with a schema set: where it is (file and JSON pointer) and what. */
export interface Problem {
  /** Stable machine-readable rule name, e.g. `ref-unresolved`. */
  readonly code: string;
  readonly message: string;
  /** Path of the file, relative to the schema directory. */
  readonly file: string;
  /** JSON pointer inside the file ('' for the whole file). */
  readonly path: string;
}

/** Thrown by the pipeline when the schema set has problems; carries every one of them. */
export class SchemaSetError extends Error {
  override readonly name = 'SchemaSetError';
  readonly code = 'schema-invalid';
  constructor(readonly problems: readonly Problem[]) {
    super(`the schema set has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`);
  }
}

export function formatProblem(p: Problem): string {
  return `  ${p.file}${p.path === '' ? '' : `#${p.path}`}: ${p.message} [${p.code}]`;
}

/**
 * Problems in a stable order (file, then path, then code), so output is deterministic. Several
 * messages for the same place and rule (ajv reports each branch of a meta-schema `anyOf`) are
 * merged into one problem.
 */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const merged = new Map<string, Problem>();
  for (const p of problems) {
    const key = `${p.file}\u0000${p.path}\u0000${p.code}`;
    const seen = merged.get(key);
    merged.set(key, seen === undefined ? p : { ...seen, message: seen.message.includes(p.message) ? seen.message : `${seen.message}; ${p.message}` });
  }
  return [...merged.values()].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.path, b.path) || cmp(a.code, b.code) || cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
