import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { resolveConfig } from '../src/config/resolve-config.js';
import { loadProtocol } from '../src/diff/load-protocol.js';
import type { EmitContext } from '../src/emit/emitter.js';
import { emitters } from '../src/emitters/index.js';
import { typesEmitter } from '../src/emitters/types/index.js';
import type { JsonSchema, NamedSchema, ProtocolIR } from '../src/ir/types.js';
import { withAndWithout } from './support/speed-up-switch.js';
import { syntheticScratch } from './support/speed-up-jobs.js';
import { fixture, repoRoot } from './support/workspace.js';

/** Whether the types are compiled against stubs (the speed-up) or the definitions themselves (the reference). */
const stubs = vi.hoisted(() => ({ on: true, count: 0 }));

vi.mock('../src/emitters/types/reference-stubs.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/emitters/types/reference-stubs.js')>();
  return {
    referenceStubs: (root: string, definitions: Readonly<Record<string, JsonSchema>>) => {
      if (!stubs.on) return { ...definitions };
      const stubbed = original.referenceStubs(root, definitions);
      stubs.count += Object.keys(definitions).filter((name) => stubbed[name] !== definitions[name]).length;
      return stubbed;
    },
  };
});

const context = { out: 'gen', options: {}, importOf: () => './x.js', runsWith: () => false } as unknown as EmitContext;

/** The types file of `ir` compiled with the stubs and without them, and how many definitions were stubbed. */
async function both(ir: ProtocolIR): Promise<{ fast: string; plain: string; stubbed: number }> {
  const print = async () => (await typesEmitter.emit(ir, context))[0]?.content ?? '';
  const { fast, plain, count } = await withAndWithout(stubs, print);
  return { fast, plain, stubbed: count };
}

/** Named types that reach each other in the ways a reference is printed: alone, in arrays, unions, intersections, recursively. */
function madeUpIR(): ProtocolIR {
  const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
  const named: Record<string, JsonSchema> = {
    Node: {
      type: 'object',
      description: 'A tree node.',
      properties: {
        value: ref('Leaf'),
        described: { ...ref('Leaf'), description: 'A leaf, described here.' },
        children: { type: 'array', items: ref('Node'), description: 'Its children.' },
        leaves: { type: 'array', items: ref('Leaf') },
        either: { anyOf: [ref('Leaf'), { type: 'object', properties: { text: { type: 'string' } } }] },
        one: { oneOf: [ref('Anything'), ref('Leaf'), ref('Old')] },
        both: { allOf: [ref('Leaf'), { type: 'object', properties: { extra: { type: 'integer' } } }] },
        old: ref('Old'),
        map: { type: 'object', additionalProperties: ref('Leaf') },
      },
      required: ['value'],
      additionalProperties: false,
    },
    Leaf: {
      type: 'object',
      description: 'A leaf: some text.\n\nOn two paragraphs.',
      properties: { text: { type: 'string', minLength: 1 } },
    },
    Forest: {
      type: 'object',
      properties: {
        trees: { type: 'array', items: ref('Node') },
        byName: { type: 'object', additionalProperties: ref('Node') },
        either: { anyOf: [ref('Node'), ref('Leaf'), ref('Old')] },
        both: { allOf: [ref('Node'), ref('Leaf')] },
        pair: ref('Pair'),
        described: { ...ref('Node'), description: 'The first tree.' },
        old: ref('Old'),
      },
    },
    Old: { type: 'string', enum: ['a', 'b'], deprecated: true, description: 'Superseded.' },
    Anything: { description: 'Any JSON value.' },
    Alias: ref('Leaf'),
    Pair: { type: 'array', items: [ref('Leaf'), ref('Node')], minItems: 2, maxItems: 2 },
  };
  const schemas = Object.entries(named).map(
    ([name, schema]): NamedSchema => ({ name, typed: schema, wire: schema }) as unknown as NamedSchema,
  );
  return { source: 'made-up', schemas } as unknown as ProtocolIR;
}

describe('types compiled against stubs of the types they reference (a speed-up) against the definitions (the reference)', () => {
  const scratch = syntheticScratch('reference-stubs');

  const shipped = async (name: string) => {
    const config = path.join(repoRoot, 'centkit.config.json');
    const jobs = resolveConfig(
      await loadConfig(config, 'centkit.config.json'),
      repoRoot,
      emitters,
      'centkit.config.json',
    );
    const job = jobs.find((j) => j.name === name);
    if (job === undefined) throw new Error(`no protocol ${name} in the config`);
    return job.schemaDir;
  };

  it.each([
    ['centrifugo-v1', () => shipped('centrifugo-v1')],
    ['centrifugo-v6', () => shipped('centrifugo-v6')],
    ['centrifugo-v1.0', async () => path.join(repoRoot, 'schema/centrifugo-v1.0')],
    ['kvstore', async () => fixture('kvstore')],
    ['mini-v6', async () => fixture('mini-v6')],
    ['a synthetic protocol of 40 methods', async () => scratch.synthetic()],
  ])('gives the same types file for %s', async (_name, dir) => {
    const { fast, plain, stubbed } = await both((await loadProtocol(await dir(), repoRoot)).ir);
    expect(stubbed).toBeGreaterThan(0);
    expect(fast).toBe(plain);
  });

  it('gives the same types file for made-up types that reference each other in every way', async () => {
    const { fast, plain, stubbed } = await both(madeUpIR());
    expect(stubbed).toBeGreaterThan(4);
    expect(plain).toContain('export interface Node {');
    expect(fast).toBe(plain);
  });
});
