import type { Ajv } from 'ajv';
import type { JsonSchema, ProtocolIR } from './types.js';

/**
 * Adds both views of every named schema to an ajv instance, as two bundles with `$id`s `typed`
 * and `wire` (refs read `#/definitions/<Name>`), and declares the `x-` annotations they use.
 * Exported so benchmarks can compile the very same schemas at run time.
 */
export function addBundles(ajv: Ajv, ir: Pick<ProtocolIR, 'schemas'>): Ajv {
  const annotations = new Set<string>();
  const bundle = (view: 'typed' | 'wire'): JsonSchema => ({
    $id: view,
    definitions: Object.fromEntries(ir.schemas.map((s) => [s.name, collectAnnotations(s[view], annotations)])),
  });
  const typed = bundle('typed');
  const wire = bundle('wire');
  for (const keyword of [...annotations].sort())
    ajv.addKeyword({ keyword, schemaType: ['string', 'number', 'boolean', 'object', 'array'] });
  return ajv.addSchema(typed as never).addSchema(wire as never);
}

/** Records the `x-` annotations a schema uses, so ajv's strict mode knows them. */
function collectAnnotations(schema: JsonSchema, into: Set<string>): JsonSchema {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) into.add(key);
      if (key !== 'examples' && key !== 'enum' && key !== 'const' && key !== 'default') stack.push(value);
    }
  }
  return schema;
}
