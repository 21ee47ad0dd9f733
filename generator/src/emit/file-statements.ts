import type {
  ClassDeclarationStructure,
  ImportDeclarationStructure,
  SourceFile,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
} from 'ts-morph';
import type { FormatScope } from './format-printed.js';
import { StructureKind } from './ts-morph.js';

/** A top-level statement of a generated file, as data (a ts-morph structure with its `kind`). */
export type FileStatement =
  ImportDeclarationStructure | VariableStatementStructure | TypeAliasDeclarationStructure | ClassDeclarationStructure;

/**
 * Adds the statements to the file in order, each run of statements of one kind in one
 * manipulation: ts-morph re-parses the whole file after each manipulation, and puts a line
 * break between statements of one kind and a blank line between two kinds either way.
 */
export function addFileStatements(file: SourceFile, statements: readonly FileStatement[]): void {
  let start = 0;
  while (start < statements.length) {
    const kind = (statements[start] as FileStatement).kind;
    let end = start + 1;
    while (end < statements.length && (statements[end] as FileStatement).kind === kind) end += 1;
    addRun(file, statements.slice(start, end));
    start = end;
  }
}

function addRun(file: SourceFile, run: readonly FileStatement[]): void {
  const first = run[0] as FileStatement;
  switch (first.kind) {
    case StructureKind.ImportDeclaration:
      file.addImportDeclarations(run as ImportDeclarationStructure[]);
      return;
    case StructureKind.VariableStatement:
      file.addVariableStatements(run as VariableStatementStructure[]);
      return;
    case StructureKind.TypeAlias:
      file.addTypeAliases(run as TypeAliasDeclarationStructure[]);
      return;
    case StructureKind.Class:
      file.addClasses(run as ClassDeclarationStructure[]);
      return;
    default: {
      const unknown: never = first;
      throw new Error(`unexpected statement kind ${String((unknown as FileStatement).kind)}`);
    }
  }
}

/**
 * Which of the statements the formatter may have work on once ts-morph has printed them (see
 * format-printed.ts): those holding text ts-morph prints as it is given (a writer function, or a
 * string of several lines other than a doc comment), which a line break leaves with ts-morph's
 * hanging indent. Everything else ts-morph prints as the formatter would leave it; the
 * differential test (test/format-printed.test.ts) checks that on every file the generator prints.
 * `'all'` when such a statement declares no name to find it by.
 */
export function formatScope(statements: readonly FileStatement[]): FormatScope {
  const names = new Set<string>();
  for (const statement of statements) {
    if (!printedAsGiven(statement)) continue;
    const declared =
      statement.kind === StructureKind.VariableStatement
        ? statement.declarations.map((d) => d.name)
        : statement.kind === StructureKind.ImportDeclaration || statement.name === undefined
          ? []
          : [statement.name];
    if (declared.length === 0) return 'all';
    for (const name of declared) names.add(name);
  }
  return names;
}

function printedAsGiven(value: unknown, key?: string): boolean {
  if (typeof value === 'function') return true;
  if (typeof value === 'string') return key !== 'description' && value.includes('\n');
  if (Array.isArray(value)) return value.some((item) => printedAsGiven(item));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([name, item]) => printedAsGiven(item, name));
  return false;
}
