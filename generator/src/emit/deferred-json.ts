/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (each shipped protocol,
 * cold): the JSON constants of a generated file (the protocol table, the client's method table
 * and transport, the mock's structs, the help data, the fixtures) were printed into the file by
 * ts-morph, parsed again by TypeScript after each manipulation that followed (the protocol table
 * holds some 40 KB of them), then cut out again by the JSON skeleton (json-skeleton.ts) before
 * formatting, and put back as `JSON.stringify(value, null, 2)` wrote them. Here they never go in:
 * the file is built with a placeholder name where each literal would be, and the skeleton puts
 * the literal back after formatting, as it does with the literals it cuts out itself.
 *
 * Only literals the skeleton would have cut out of the built file, with the same text, wait
 * here: the initializer of a top-level constant that is `literal(value)` (canonical JSON) with
 * nothing after it but `as` / `satisfies` clauses naming a type. ts-morph's writer indents every
 * line of it after the first by one level (the skeleton's condition) when its string tracking
 * follows the JSON's strings, which holds unless the text escapes a backslash (`\\"` ends a
 * string the writer thinks goes on); such a literal, and one with a line or paragraph separator,
 * is printed as before. When a placeholder cannot be put back, the file is printed as before
 * (ts-file.ts). `test/deferred-json.test.ts` checks that every file the generator prints for the
 * shipped, test and synthetic protocols, and files of made-up JSON values, are the same bytes
 * with and without this.
 */
import type { WriterFunction } from 'ts-morph';
import { isCanonicalJson } from './json-skeleton.js';
import { StructureKind } from './ts-morph.js';

/** A literal left out of a built file: the name standing in for it, and its text. */
export interface DeferredJson {
  readonly placeholder: string;
  readonly text: string;
}

/** `as const`, `satisfies Name`, … after the literal: what the skeleton looks through. */
const CLAUSES = /(?:\s+(?:as|satisfies)\s+[A-Za-z_$][\w$.]*)*$/;

type Initializer = string | WriterFunction | undefined;

interface WithDeclarations {
  readonly kind?: unknown;
  readonly declarations?: readonly { readonly initializer?: Initializer }[];
}

/**
 * A deferral for one file: `defer(statement)` gives the statement with each literal that can
 * wait replaced by a placeholder (other statements as they are), and `literals` lists them.
 */
export function jsonDeferral(): { defer: <T>(statement: T) => T; literals: DeferredJson[] } {
  const literals: DeferredJson[] = [];
  const initializer = (text: Initializer): Initializer => {
    if (typeof text !== 'string' || (text[0] !== '{' && text[0] !== '[')) return text;
    const json = text.slice(0, CLAUSES.exec(text)?.index ?? text.length);
    if (json.includes('\\\\') || /[\u2028\u2029]/.test(json) || !isCanonicalJson(json)) return text;
    // The trailing underscore keeps `…_1_` from being found inside `…_12_`.
    const placeholder = `__deferredJson_${literals.length}_`;
    literals.push({ placeholder, text: json });
    return `${placeholder}${text.slice(json.length)}`;
  };
  const defer = <T>(statement: T): T => {
    const s = statement as WithDeclarations;
    if (typeof s !== 'object' || s === null || s.kind !== StructureKind.VariableStatement) return statement;
    const declarations = s.declarations?.map((d) => {
      const replaced = initializer(d.initializer);
      return replaced === d.initializer ? d : { ...d, initializer: replaced };
    });
    return declarations?.every((d, i) => d === s.declarations?.[i]) !== false
      ? statement
      : ({ ...statement, declarations } as T);
  };
  return { defer, literals };
}
