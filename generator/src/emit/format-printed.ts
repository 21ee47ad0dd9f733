/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (the shipped protocols,
 * cold): `file.formatText()` then `file.insertText(0, header)` parse every generated file three
 * more times after it is built (ts-morph's language service parses the text again before it
 * formats it, and ts-morph re-parses after each of the two edits), some 150 ms of a cold
 * `centkit generate` of both shipped protocols. This runs TypeScript's formatter on the tree the
 * file already has and applies its edits to the text, with the settings ts-morph fills in for
 * `formatText`, and puts the header in front of the string. A file printed from statements as
 * data is formatted only where ts-morph printed text as given (`FormatScope`): the formatter over
 * the whole of every file was most of the rest (1000 methods: 11.1 → 9.7 s). `test/format-printed.test.ts`
 * checks it gives the bytes of the plain path on every file the generator prints for the shipped,
 * test and synthetic protocols.
 */
import type { SourceFile, ts as Ts } from 'ts-morph';
import type { DeferredJson } from './deferred-json.js';
import { jsonSkeleton } from './json-skeleton.js';
import { ts } from './ts-morph.js';

/**
 * What `formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true })`
 * hands TypeScript, with the project's settings (ts-file.ts) and ts-morph's defaults filled in
 * (`ensureNewLineAtEndOfFile` is ts-morph's own: the trailing newline is put back below).
 */
let settings: Ts.FormatCodeSettings | undefined;

/** The settings, made on first use (ts-morph loads then: emit/ts-morph.ts). */
function formatSettings(): Ts.FormatCodeSettings {
  return (settings ??= {
    convertTabsToSpaces: true,
    newLineCharacter: '\n',
    indentStyle: ts.IndentStyle.Smart,
    indentSize: 2,
    tabSize: 2,
    insertSpaceAfterOpeningAndBeforeClosingNonemptyBraces: true,
    insertSpaceAfterCommaDelimiter: true,
    insertSpaceAfterConstructor: false,
    insertSpaceAfterSemicolonInForStatements: true,
    insertSpaceAfterKeywordsInControlFlowStatements: true,
    insertSpaceAfterOpeningAndBeforeClosingNonemptyBrackets: false,
    insertSpaceAfterOpeningAndBeforeClosingTemplateStringBraces: false,
    insertSpaceAfterOpeningAndBeforeClosingJsxExpressionBraces: false,
    insertSpaceBeforeFunctionParenthesis: false,
    insertSpaceBeforeAndAfterBinaryOperators: true,
    placeOpenBraceOnNewLineForFunctions: false,
    placeOpenBraceOnNewLineForControlBlocks: false,
  });
}

/** TypeScript's formatter, which its language service calls on a tree it parsed itself; not in its public typings. */
interface Formatting {
  getFormatContext(options: Ts.FormatCodeSettings, host: { getNewLine(): string }): unknown;
  formatDocument(file: Ts.SourceFile, context: unknown): readonly Ts.TextChange[];
  formatSelection(start: number, end: number, file: Ts.SourceFile, context: unknown): readonly Ts.TextChange[];
}

/**
 * What of a built file the formatter is run on: all of it, or only the top-level declarations
 * with these names, the only ones whose printing can leave it something to do (`formatScope` in
 * file-statements.ts); the rest is printed as formatText would leave it.
 */
export type FormatScope = 'all' | ReadonlySet<string>;

/**
 * The built file formatted, after `header` and a blank line, with LF line ends and one trailing
 * newline: the text of `formatText` + `insertText(0, header + "\n\n")`, trimmed at the end.
 * Its JSON constants are left out of the formatter's way when it has them (json-skeleton.ts).
 */
export function formatPrinted(file: SourceFile, header: string): string;
/**
 * The same for a file built without the `deferred` literals (deferred-json.ts), which are put
 * back; undefined when they cannot be.
 */
export function formatPrinted(
  file: SourceFile,
  header: string,
  deferred: readonly DeferredJson[],
  scope?: FormatScope,
): string | undefined;
export function formatPrinted(
  file: SourceFile,
  header: string,
  deferred: readonly DeferredJson[] = [],
  scope: FormatScope = 'all',
): string | undefined {
  const text = formattedText(file, deferred, scope);
  return text === undefined ? undefined : `${`${header}\n\n${text.replace(/\r?\n/g, '\n')}`.replace(/\s+$/, '')}\n`;
}

function formattedText(file: SourceFile, deferred: readonly DeferredJson[], scope: FormatScope): string | undefined {
  const formatting = (ts as unknown as { formatting?: Partial<Formatting> }).formatting;
  if (
    formatting?.formatDocument === undefined ||
    formatting.formatSelection === undefined ||
    formatting.getFormatContext === undefined
  ) {
    if (deferred.length > 0) return undefined;
    return applyChanges(
      file.getFullText(),
      file
        .getProject()
        .getLanguageService()
        .compilerObject.getFormattingEditsForDocument(file.getFilePath(), formatSettings()),
    );
  }
  const changes = formatChanges(formatting as Formatting, scope);
  const skeleton = jsonSkeleton(file, deferred);
  if (skeleton !== undefined) {
    // Only deferred literals: the skeleton is the built file, whose tree is at hand.
    const tree = () =>
      skeleton.text === file.compilerNode.text
        ? file.compilerNode
        : ts.createSourceFile(
            file.getFilePath(),
            skeleton.text,
            file.compilerNode.languageVersion,
            true,
            file.getScriptKind(),
          );
    const restored = skeleton.restore(applyChanges(skeleton.text, changes(tree)));
    if (restored !== undefined || deferred.length > 0) return restored;
  }
  return applyChanges(
    file.getFullText(),
    changes(() => file.compilerNode),
  );
}

/**
 * The formatter's edits of a tree: of all of it, or of the declarations in `scope` only (none:
 * not even the parse of a skeleton, or the format context, some 50 ms to make on first use).
 */
function formatChanges(
  formatting: Formatting,
  scope: FormatScope,
): (tree: () => Ts.SourceFile) => readonly Ts.TextChange[] {
  const context = () => formatting.getFormatContext(formatSettings(), { getNewLine: () => '\n' });
  if (scope === 'all') return (tree) => formatting.formatDocument(tree(), context());
  if (scope.size === 0) return () => [];
  return (tree) => {
    const root = tree();
    const made = context();
    return root.statements
      .filter((statement) => declaredNames(statement).some((name) => scope.has(name)))
      .flatMap((statement) => formatting.formatSelection(statement.getStart(root), statement.end, root, made));
  };
}

/** The names a top-level statement declares (none for an import or an expression). */
function declaredNames(statement: Ts.Statement): string[] {
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) return [statement.name.text];
  if (ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement))
    return statement.name === undefined ? [] : [statement.name.text];
  return [];
}

/** The text with the changes applied, in order of position (ties in the order given), as ts-morph applies them. */
function applyChanges(text: string, changes: readonly Ts.TextChange[]): string {
  const ordered = changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => a.change.span.start - b.change.span.start || a.index - b.index);
  const parts: string[] = [];
  let at = 0;
  for (const { change } of ordered) {
    parts.push(text.slice(at, change.span.start), change.newText);
    at = change.span.start + change.span.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
