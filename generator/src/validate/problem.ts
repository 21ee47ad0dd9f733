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

/**
 * Thrown by the pipeline when the schema set has problems; carries every one of them, and the
 * folder they were read from (each problem's `file` is relative to it).
 */
export class SchemaSetError extends Error {
  override readonly name = 'SchemaSetError';
  readonly code = 'schema-invalid';
  constructor(
    readonly problems: readonly Problem[],
    /** The folder (or snapshot file) the set was read from, absolute or as messages name it. */
    readonly source?: string,
  ) {
    super(
      `${schemaSetLabel(source)} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => formatProblemIn(p, source)).join('\n')}`,
    );
  }
}

/** `the schema set schema/kvstore` (or without a folder when none is known). */
export function schemaSetLabel(source: string | undefined): string {
  return source === undefined ? 'the schema set' : `the schema set ${source}`;
}

/** One problem on one line: `  <file>#<pointer>: message [code]`. */
export function formatProblem(p: Problem): string {
  return formatProblemIn(p, undefined);
}

/** One problem on one line, its file named with the folder it was read from: `  <folder>/<file>#<pointer>: ...`. */
export function formatProblemIn(p: Problem, folder: string | undefined): string {
  const file =
    folder === undefined || folder === '' || folder === '.' ? p.file : `${folder.replace(/\/+$/, '')}/${p.file}`;
  return `  ${file}${p.path === '' ? '' : `#${p.path}`}: ${p.message} [${p.code}]`;
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
    merged.set(
      key,
      seen === undefined
        ? p
        : { ...seen, message: seen.message.includes(p.message) ? seen.message : `${seen.message}; ${p.message}` },
    );
  }
  return [...merged.values()].sort(
    (a, b) => cmp(a.file, b.file) || cmp(a.path, b.path) || cmp(a.code, b.code) || cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
