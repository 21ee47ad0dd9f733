import type {
  ClassDeclarationStructure,
  ImportDeclarationStructure,
  SourceFile,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
} from 'ts-morph';
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
