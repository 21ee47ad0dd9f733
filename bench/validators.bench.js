// Issue: validators' import time vs compiling the same schemas with ajv at start-up, and
// validation throughput (publish params; a 100-command batch) vs ajv compiled at run time.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, opsPerSecond, table } from './lib/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const IMPORT_GENERATED = `
  const t = performance.now();
  await import('@centkit/validators');
  console.log(performance.now() - t);`;

const COMPILE_AT_STARTUP = `
  const t = performance.now();
  const { Ajv } = await import('ajv');
  const { loadSchemaSet, buildIR, addBundles } = await import('@centkit/generator');
  const ir = buildIR(await loadSchemaSet(${JSON.stringify(path.join(root, 'schema/centrifugo-v1'))}, 'schema/centrifugo-v1'));
  const t2 = performance.now();
  const ajv = addBundles(new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }), ir);
  for (const s of ir.schemas) { ajv.getSchema('typed#/definitions/' + s.name); ajv.getSchema('wire#/definitions/' + s.name); }
  console.log(performance.now() - t, performance.now() - t2);`;

function timeInChild(script, runs = 5) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }).trim().split(' ').map(Number));
  }
  return samples[0].map((_, i) => median(samples.map((s) => s[i])));
}

export async function run() {
  const [importMs] = timeInChild(IMPORT_GENERATED);
  const [startupMs, compileOnlyMs] = timeInChild(COMPILE_AT_STARTUP);
  table([
    ['start-up (fresh process, median of 5)', 'ms'],
    ['import @centkit/validators (generated, standalone)', fmt(importMs, 1)],
    ['ajv: load schemas + compile the same 46 validators', fmt(startupMs, 1)],
    ['  of which compiling only', fmt(compileOnlyMs, 1)],
  ]);
  console.log(`  → generated import is ${fmt(startupMs / importMs, 1)}× faster than compiling at start-up`);

  const { Ajv } = await import('ajv');
  const { loadSchemaSet, buildIR, addBundles } = await import('@centkit/generator');
  const v = await import('@centkit/validators');
  const ir = buildIR(await loadSchemaSet(path.join(root, 'schema/centrifugo-v1'), 'schema/centrifugo-v1'));
  const ajv = addBundles(new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }), ir);
  const runtime = Object.fromEntries(ir.methods.map((m) => [m.name, ajv.getSchema(`typed#/definitions/${m.params.name}`)]));
  const runtimeCommand = ajv.getSchema('typed#/definitions/Command');

  const publish = { channel: 'public:chat', data: { text: 'hello', n: 1, tags: ['a', 'b'] }, client: 'c1' };
  const batch = Array.from({ length: 100 }, (_, i) =>
    i % 4 === 0 ? { method: 'history', params: { channel: `public:c${i}` } } : { method: 'publish', params: { ...publish, channel: `public:c${i}` } },
  );
  const generatedBatch = () => {
    for (const command of batch) if (!v.validateCommand(command).ok || !v.validate(command.method, 'params', command.params).ok) throw new Error('invalid');
  };
  const runtimeBatch = () => {
    for (const command of batch) if (!runtimeCommand(command) || !runtime[command.method](command.params)) throw new Error('invalid');
  };
  const genPublish = opsPerSecond(() => v.validatePublishParams(publish));
  const ajvPublish = opsPerSecond(() => runtime.publish(publish));
  const genBatch = opsPerSecond(generatedBatch, { opsPerCall: 100 });
  const ajvBatch = opsPerSecond(runtimeBatch, { opsPerCall: 100 });
  table([
    ['throughput', 'generated (standalone)', 'ajv compiled at run time', 'ratio'],
    ['publish params, validations/s', fmt(genPublish), fmt(ajvPublish), `${fmt(genPublish / ajvPublish, 2)}×`],
    ['100-command batch, commands/s', fmt(genBatch), fmt(ajvBatch), `${fmt(genBatch / ajvBatch, 2)}×`],
  ]);
}
