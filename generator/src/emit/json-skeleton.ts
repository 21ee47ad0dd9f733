/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (each shipped protocol,
 * cold): most of the text the generator prints through TypeScript is data, constants whose
 * initializer is `JSON.stringify(value, null, 2)` (the protocol table, the client's method table
 * and transport, the help data, the fixtures), and TypeScript's formatter walks every token of
 * it only to take out the hanging indent ts-morph's printer gave its lines: that text, as
 * JSON.stringify wrote it, is what the formatter makes of it at the top level (one element or
 * member per line, two spaces per level, `"key": value`). So the formatter is given a skeleton of
 * the file, each such literal replaced by a placeholder name, and the literals as JSON.stringify
 * wrote them are put back into its output. Only literals that are exactly
 * `JSON.stringify(JSON.parse(text), null, 2)` once the hanging indent is out, and initialize a
 * top-level constant, are replaced. `test/format-printed.test.ts` checks the bytes
 * against formatting the whole file, on every file the generator prints for the shipped, test
 * and synthetic protocols, and on made-up JSON values.
 */
import type { SourceFile, ts as Ts } from 'ts-morph';
import type { DeferredJson } from './deferred-json.js';
import { ts } from './ts-morph.js';

/** A file with its JSON literals out of the way: `text` to format, and how to put them back. */
export interface Skeleton {
  readonly text: string;
  /** The formatted skeleton with every literal back in its place; undefined if a placeholder did not stay alone at the top level. */
  restore(formatted: string): string | undefined;
}

/**
 * The skeleton of a built file, or undefined when it has no literal worth leaving out. `deferred`
 * are literals the file was built without (deferred-json.ts): their placeholders are in its text
 * already, and are put back with the others.
 */
export function jsonSkeleton(file: SourceFile, deferred: readonly DeferredJson[] = []): Skeleton | undefined {
  const source = file.compilerNode;
  const text = source.text;
  const literals = source.statements.flatMap((statement) =>
    ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.flatMap((d) => jsonInitializer(d.initializer, source))
      : [],
  );
  if (literals.length === 0 && deferred.length === 0) return undefined;
  // A prefix that is nowhere in the file, so each placeholder is found exactly where it was put.
  let prefix = '__json';
  while (text.includes(prefix)) prefix += '_';
  const parts: string[] = [];
  let at = 0;
  let length = 0;
  const cut = literals.map((literal, i) => {
    const placed = { at: length + literal.start - at, placeholder: `${prefix}${i}`, text: literal.text };
    parts.push(text.slice(at, literal.start), placed.placeholder);
    length = placed.at + placed.placeholder.length;
    at = literal.end;
    return placed;
  });
  parts.push(text.slice(at));
  const skeleton = parts.join('');
  // Every placeholder in the order it stands in the skeleton, so each is looked for after the one before.
  const placed = [...cut, ...deferred.map((d) => ({ at: skeleton.indexOf(d.placeholder), ...d }))].sort(
    (a, b) => a.at - b.at,
  );
  if (placed.some((p) => p.at === -1)) return undefined;
  return {
    text: skeleton,
    restore(formatted) {
      const restored: string[] = [];
      let from = 0;
      for (const literal of placed) {
        const placeholder = literal.placeholder;
        const found = formatted.indexOf(placeholder, from);
        // Top-level statements start their line: a literal anywhere else would be re-indented.
        const line = formatted.slice(formatted.lastIndexOf('\n', found) + 1, found);
        if (found === -1 || /^\s/.test(line) || formatted.indexOf(placeholder, found + placeholder.length) !== -1)
          return undefined;
        restored.push(formatted.slice(from, found), literal.text);
        from = found + placeholder.length;
      }
      restored.push(formatted.slice(from));
      return restored.join('');
    },
  };
}

/**
 * The JSON literal a constant is initialized with (under `as` and `satisfies`), if it is one as
 * `literal()` prints it: ts-morph's printer indents its lines after the first by a few more
 * spaces (a hanging indent), which the formatter takes back out.
 */
function jsonInitializer(
  initializer: Ts.Expression | undefined,
  source: Ts.SourceFile,
): { start: number; end: number; text: string }[] {
  let node = initializer;
  while (node !== undefined && (ts.isAsExpression(node) || ts.isSatisfiesExpression(node))) node = node.expression;
  if (node === undefined || !(ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node))) return [];
  const start = node.getStart(source);
  const lines = source.text.slice(start, node.end).split('\n');
  const hanging = /^ */.exec(lines[lines.length - 1] as string)?.[0] ?? '';
  if (!lines.every((line, i) => i === 0 || line.startsWith(hanging))) return [];
  const text = lines.map((line, i) => (i === 0 ? line : line.slice(hanging.length))).join('\n');
  // Line and paragraph separators are line breaks to TypeScript but not to JSON.
  if (/[\u2028\u2029]/.test(text) || !isCanonicalJson(text)) return [];
  return [{ start, end: node.end, text }];
}

/** Whether `text` is what `JSON.stringify(value, null, 2)` writes for the value it holds. */
export function isCanonicalJson(text: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text), null, 2) === text;
  } catch {
    return false;
  }
}
