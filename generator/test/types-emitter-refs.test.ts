/**
 * The types emitter on refs json-schema-to-typescript gets wrong by itself: a type that refers to
 * itself (a filter tree), and one type referred to several times with a description beside each
 * ref. Both must come out as the one named type (no `Node1`, `Flag1`), documented, and compile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIR, loadSchemaSet, validateSchemaSet } from '../src/index.js';
import { typesEmitter } from '../src/emitters/types/index.js';
import { editedKvstore, writeSchemaDir } from './support/schema-dir.js';
import { typecheck } from './support/typecheck.js';

const DRAFT = 'http://json-schema.org/draft-07/schema#';

async function typesOf(edit: Parameters<typeof editedKvstore>[0]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'centkit-types-'));
  try {
    const dir = await writeSchemaDir(root, 'kv', await editedKvstore(edit));
    const set = await loadSchemaSet(dir, 'kv');
    expect(validateSchemaSet(set)).toEqual([]);
    const [file] = await typesEmitter.emit(buildIR(set), {
      out: '.',
      options: {},
      importOf: () => {
        throw new Error('the types import nothing');
      },
      runsWith: () => false,
    });
    const content = (file as { content: string }).content;
    const out = path.join(root, 'types.gen.ts');
    await writeFile(out, content);
    expect(typecheck([out])).toEqual([]);
    return content;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('types emitter: refs', () => {
  it('names a recursive type once and refers to itself by that name', async () => {
    const types = await typesOf((f) => {
      f['types/node.schema.json'] = {
        $schema: DRAFT,
        title: 'Node',
        description: 'A filter tree.',
        type: 'object',
        properties: {
          key: { type: 'string', description: "A leaf's key." },
          nodes: { type: 'array', items: { $ref: 'node.schema.json' }, description: 'The children.' },
        },
      };
      f['protocol.json'].types.push('types/node.schema.json');
      f['methods/get.params.json'].properties.filter = {
        $ref: '../types/node.schema.json',
        description: 'Which keys.',
      };
    });
    expect(types).toMatch(/export interface Node \{[^}]*nodes\?: Node\[\];/s);
    expect(types).not.toMatch(/\bNode1\b/);
    expect(types).toMatch(/\/\*\*\s+\* Which keys\.\s+\*\/\s+filter\?: Node;/);
  });

  it('gives one type referred to several times, each ref described, one name and each its own comment', async () => {
    const types = await typesOf((f) => {
      f['types/flag.schema.json'] = {
        $schema: DRAFT,
        title: 'Flag',
        description: 'A boolean in an object.',
        type: 'object',
        required: ['value'],
        properties: { value: { type: 'boolean', description: 'The value.' } },
      };
      f['protocol.json'].types.push('types/flag.schema.json');
      f['methods/put.params.json'].properties.overwrite = {
        $ref: '../types/flag.schema.json',
        description: 'Replace an existing value.',
      };
      f['methods/put.params.json'].properties.notify = {
        $ref: '../types/flag.schema.json',
        description: 'Tell the watchers.',
      };
    });
    expect(types).not.toMatch(/\bFlag1\b/);
    expect(types).toMatch(/Replace an existing value\.\s+\*\/\s+overwrite\?: Flag;/);
    expect(types).toMatch(/Tell the watchers\.\s+\*\/\s+notify\?: Flag;/);
  });
});
