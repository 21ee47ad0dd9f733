/**
 * The mock-glue emitter: each params property of a protocol mapped to the kind a Go server
 * decodes it with, every struct the params reach (recursive ones included), nothing protocol-
 * specific in the mapping (the kvstore fixture), a property it cannot map refused by name.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockGlueEmitter } from '../src/emitters/mock-glue/index.js';
import { buildIR, loadSchemaSet } from '../src/index.js';
import type { ProtocolIR } from '../src/ir/types.js';
import { readFixture, writeSchemaDir } from './support/schema-dir.js';
import { repoRoot, scratchRoot } from './support/workspace.js';

const context = { out: 'gen', options: { kindsModule: './kinds.js' }, importOf: () => '', runsWith: () => false };

async function irOf(dir: string): Promise<ProtocolIR> {
  return buildIR(await loadSchemaSet(dir, path.relative(repoRoot, dir)));
}

async function glue(ir: ProtocolIR): Promise<{ text: string; structs: Record<string, Record<string, unknown>> }> {
  const [file] = await mockGlueEmitter.emit(ir, context);
  const text = file?.content ?? '';
  const table = /export const structs = (\{[\s\S]*?\n\}) as const/.exec(text)?.[1] ?? '{}';
  return { text, structs: JSON.parse(table) as Record<string, Record<string, unknown>> };
}

describe('mock-glue emitter', () => {
  it('maps schema/centrifugo-v6 to Go decoding kinds', async () => {
    const ir = await irOf(path.join(repoRoot, 'schema/centrifugo-v6'));
    const { text, structs } = await glue(ir);
    expect(structs['PublishParams']).toMatchObject({
      channel: 'string',
      data: 'raw',
      skip_history: 'bool',
      tags: 'string-map',
      version: 'uint64',
    });
    expect(structs['HistoryParams']).toMatchObject({ limit: 'int32', since: { struct: 'StreamPosition' } });
    expect(structs['SubscribeParams']).toMatchObject({
      expire_at: 'int64',
      override: { struct: 'SubscribeOptionOverride' },
    });
    expect(structs['Disconnect']).toEqual({ code: 'uint32', reason: 'string' });
    expect(structs['BroadcastParams']?.['channels']).toBe('strings');
    expect(structs['BatchParams']?.['commands']).toEqual({ list: 'Command' });
    expect(structs['FilterNode']?.['nodes']).toEqual({ list: 'FilterNode' });
    expect(Object.keys(structs['Command'] ?? {}).sort()).toEqual(
      ir.methods
        .map((m) => m.name)
        .filter((m) => m !== 'batch')
        .sort(),
    );
    expect(text).toContain("import type { GoStructs } from './kinds.js';");
    expect((await glue(ir)).text).toBe(text);
  });

  it('knows JSON Schema, not a protocol: the kvstore fixture', async () => {
    const scratch = await scratchRoot('mock-glue');
    try {
      const files = await readFixture('kvstore');
      const { structs, text } = await glue(await irOf(await writeSchemaDir(scratch.dir, 'kv', files)));
      expect(Object.keys(structs).length).toBeGreaterThan(0);
      expect(text).toContain('paramsStructs');
      files['methods/put.params.json'].properties.nested = { type: 'object', properties: { a: { type: 'string' } } };
      await expect(glue(await irOf(await writeSchemaDir(scratch.dir, 'kv2', files)))).rejects.toThrow(
        /put\.params\.json property nested: no Go decoding kind for an inline object/,
      );
    } finally {
      await scratch.dispose();
    }
  });
});
