// Writes a made-up protocol with N methods (for the generator's scaling benchmark).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeSyntheticProtocol(dir, methodCount) {
  const json = (file, value) => writeFile(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  await mkdir(path.join(dir, 'methods'), { recursive: true });
  await mkdir(path.join(dir, 'types'), { recursive: true });
  await json('types/item.schema.json', {
    title: 'Item',
    type: 'object',
    required: ['id'],
    properties: {
      id: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
      payload: { description: 'any JSON' },
    },
  });
  await json('command.schema.json', {
    title: 'Call',
    type: 'object',
    required: ['op'],
    properties: { op: { type: 'string' }, args: {} },
  });
  await json('reply.schema.json', {
    title: 'Answer',
    type: 'object',
    required: ['op'],
    properties: { op: { type: 'string' }, error: { type: ['string', 'null'] }, value: {} },
  });
  await json('errors.json', { errors: [{ id: 'failed', kind: 'soft', message: 'failed', description: 'It failed.' }] });
  const methods = [];
  for (let i = 0; i < methodCount; i++) {
    const name = `op_${String(i).padStart(3, '0')}`;
    methods.push({
      name,
      since: '1.0.0',
      effect: i % 2 === 0 ? 'read' : 'write',
      description: `Operation ${i}.`,
      params: `methods/${name}.params.json`,
      result: `methods/${name}.result.json`,
      errors: ['failed'],
    });
    await json(`methods/${name}.params.json`, {
      type: 'object',
      required: ['key'],
      properties: {
        key: { type: 'string', minLength: 1, description: 'The key.' },
        limit: { type: 'integer', minimum: 1 },
        mode: { enum: ['a', 'b', 'c'] },
        data: {},
      },
    });
    await json(`methods/${name}.result.json`, {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: '../types/item.schema.json' } },
        next: { type: ['string', 'null'] },
      },
    });
  }
  await json('protocol.json', {
    name: 'synthetic',
    title: 'Synthetic protocol',
    version: '1.0.0',
    description: `A made-up protocol with ${methodCount} methods.`,
    envelopes: { command: 'command.schema.json', reply: 'reply.schema.json' },
    types: ['types/item.schema.json'],
    errors: 'errors.json',
    transports: [
      {
        id: 'http',
        kind: 'http',
        description: 'HTTP',
        http: { method: 'POST', path: '/rpc', body: 'json' },
        request: { shape: 'commands', envelope: 'command', method: 'op', params: 'args' },
        reply: { shape: 'commands', envelope: 'reply', method: 'op', error: 'error', result: 'value' },
        batch: { item: 'array' },
      },
    ],
    methods,
  });
}
