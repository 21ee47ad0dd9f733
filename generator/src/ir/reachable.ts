import type { JsonSchema } from './types.js';

/** The names a definition reaches through `#/definitions/<Name>` refs, itself included, sorted. */
export function referencedNames(name: string, definitions: Readonly<Record<string, JsonSchema>>): string[] {
  const seen = new Set<string>([name]);
  const stack: unknown[] = [definitions[name]];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
        const target = value.slice('#/definitions/'.length);
        if (!seen.has(target) && definitions[target] !== undefined) {
          seen.add(target);
          stack.push(definitions[target]);
        }
      } else if (key !== 'examples' && key !== 'enum' && key !== 'const' && key !== 'default') stack.push(value);
    }
  }
  return [...seen].sort();
}
