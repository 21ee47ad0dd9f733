import path from 'node:path';
import ts from 'typescript';

/**
 * Typechecks files with the repository's strict settings in one program and returns the
 * diagnostics as readable lines (empty when clean). `paths` maps package names to sources.
 */
export function typecheck(rootNames: readonly string[], paths: Record<string, string[]> = {}): string[] {
  const program = ts.createProgram([...rootNames], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    allowJs: true,
    checkJs: false,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    baseUrl: '/',
    paths,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
