import { encodePointer } from './json-pointer.js';

/** A `$ref` found in a schema file. */
export interface RefSite {
  /** The raw `$ref` value. */
  readonly ref: string;
  /** Relative file part (undefined for a same-file ref like `#/definitions/x`). */
  readonly file: string | undefined;
  /** Fragment after `#` (a JSON pointer), '' when absent. */
  readonly fragment: string;
  /** JSON pointer of the `$ref` keyword's object inside the file. */
  readonly at: string;
}

/** Keywords whose values are data, not schemas: a `$ref` key inside them is not a reference. */
const DATA_KEYWORDS = new Set(['examples', 'default', 'const', 'enum']);

/** Every `$ref` in a JSON document, in document order (iterative: no recursion limit). */
export function collectRefs(root: unknown): RefSite[] {
  const out: RefSite[] = [];
  const stack: { node: unknown; at: (string | number)[] }[] = [{ node: root, at: [] }];
  while (stack.length > 0) {
    const { node, at } = stack.pop() as { node: unknown; at: (string | number)[] };
    if (node === null || typeof node !== 'object') continue;
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
    for (const [key, value] of [...entries].reverse()) {
      if (key === '$ref' && typeof value === 'string') {
        const hash = value.indexOf('#');
        const file = hash === -1 ? value : value.slice(0, hash);
        out.push({
          ref: value,
          file: file === '' ? undefined : file,
          fragment: hash === -1 ? '' : value.slice(hash + 1),
          at: encodePointer(at),
        });
      } else if (!(typeof key === 'string' && DATA_KEYWORDS.has(key))) {
        stack.push({ node: value, at: [...at, key] });
      }
    }
  }
  return out;
}
