import type { Project as TsProject, SourceFile } from 'ts-morph';
import { jsonDeferral } from './deferred-json.js';
import { addFileStatements, formatScope, type FileStatement } from './file-statements.js';
import { formatPrinted, type FormatScope } from './format-printed.js';
import { IndentationText, NewLineKind, Project, QuoteKind } from './ts-morph.js';
import { tsHeader } from './header.js';

/**
 * One in-memory ts-morph project with pinned printing settings, shared by every emitter. Files
 * are formatted as `formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true,
 * ensureNewLineAtEndOfFile: true })` formats them (format-printed.ts).
 */
let project: TsProject | undefined;

function getProject(): TsProject {
  project ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
      insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
    },
    compilerOptions: { allowJs: true },
  });
  return project;
}

let printed = 0;

/** Gives a top-level statement structure with its JSON constants left out until the file is formatted (deferred-json.ts). */
export type Defer = <T>(statement: T) => T;

/**
 * Builds a TypeScript (or JavaScript) file through ts-morph and prints it formatted, with the
 * generated header, LF line ends and one trailing newline. `build` adds declarations to the file,
 * passing the statement structures it adds through `defer`.
 */
export function printSourceFile(
  fileName: string,
  source: string,
  build: (file: SourceFile, defer: Defer) => void,
): string {
  return print(fileName, source, (file, defer) => {
    build(file, defer);
    return 'all';
  });
}

/** `printSourceFile`, where `build` also says what of the file the formatter is run on (format-printed.ts). */
function print(fileName: string, source: string, build: (file: SourceFile, defer: Defer) => FormatScope): string {
  const deferral = jsonDeferral();
  const fast = buildAndFormat(fileName, (file) => {
    const scope = build(file, deferral.defer);
    return formatPrinted(file, tsHeader(source), deferral.literals, scope);
  });
  // A deferred literal that could not be put back: the file as built with every literal in it.
  return (
    fast ??
    (buildAndFormat(fileName, (file) => {
      const scope = build(file, (statement) => statement);
      return formatPrinted(file, tsHeader(source), [], scope);
    }) as string)
  );
}

function buildAndFormat<T>(fileName: string, print: (file: SourceFile) => T): T {
  // A path of its own each time: a file re-created at a path just deleted can be parsed
  // incrementally against the old text (a long file, then a short one, came out garbled).
  printed += 1;
  const file = getProject().createSourceFile(`/${printed}/${fileName}`, '', { overwrite: true });
  try {
    return print(file);
  } finally {
    file.delete();
  }
}

/** A file of top-level statements given as data, printed as `printSourceFile` prints (see file-statements.ts). */
export function printStatements(fileName: string, source: string, statements: readonly FileStatement[]): string {
  return print(fileName, source, (file, defer) => {
    const built = statements.map(defer);
    addFileStatements(file, built);
    // Only the statements the formatter may have work on are formatted (file-statements.ts).
    return formatScope(built);
  });
}

/**
 * A JSON value as a TypeScript expression. JSON text is valid TypeScript and JSON.stringify
 * escapes every string, so data is never spliced into code by hand.
 */
export function literal(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** JSDoc text for ts-morph (`docs: [...]`), or none when there is no description. */
export function docs(...parts: (string | undefined)[]): { description: string }[] {
  const text = parts.filter((p): p is string => p !== undefined && p !== '').join('\n\n');
  return text === '' ? [] : [{ description: text.replaceAll('*/', '*\\/') }];
}
