import type { JsonSchema } from './types.js';

/** The names a definition reaches through `#/definitions/<Name>` refs, itself included, sorted. */
export function referencedNames(name: string, definitions: Readonly<Record<string, JsonSchema>>): string[] {
  return reachableNames(name, (n) => directReferences(definitions[n], definitions));
}

/**
 * `referencedNames` for every definition, each definition's tree walked once (not once for
 * every definition that reaches it): name → the names it reaches, sorted.
 */
export function referencedNamesOfAll(definitions: Readonly<Record<string, JsonSchema>>): Map<string, string[]> {
  const direct = new Map(Object.keys(definitions).map((n) => [n, directReferences(definitions[n], definitions)]));
  return new Map([...direct.keys()].map((n) => [n, reachableNames(n, (m) => direct.get(m) ?? [])]));
}

function reachableNames(name: string, direct: (name: string) => readonly string[]): string[] {
  const seen = new Set<string>([name]);
  const stack = [name];
  while (stack.length > 0) {
    for (const target of direct(stack.pop() as string)) {
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return [...seen].sort();
}

/** The definitions a schema refers to itself (not through the ones it refers to). */
function directReferences(schema: unknown, definitions: Readonly<Record<string, JsonSchema>>): string[] {
  const found: string[] = [];
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
        const target = value.slice('#/definitions/'.length);
        if (definitions[target] !== undefined) found.push(target);
      } else if (key !== 'examples' && key !== 'enum' && key !== 'const' && key !== 'default') stack.push(value);
    }
  }
  return found;
}
