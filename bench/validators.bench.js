// Issue: validators' import time vs plain ajv compiling the same schemas at start-up, and
// validation throughput (publish params; a 100-command batch) vs ajv compiled at run time.
// The start-up baseline (issue #17 §4) is a process that imports only ajv and compiles the
// schema bundles the generator hands ajv (captured here, written to a JSON file): what an app
// shipping the schemas would do, without the generator's own import in the figure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median, opsPerSecond, table } from './lib/measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const IMPORT_GENERATED = `
  const t = performance.now();
  await import('@centkit/validators');
  console.log(performance.now() - t);`;

const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true };

/** Plain ajv: import it, read the schema file, add the keywords and bundles, compile every validator. */
const compileAtStartup = (file) => `
  const t = performance.now();
  const { Ajv } = await import('ajv');
  const { readFileSync } = await import('node:fs');
  const { keywords, bundles, names } = JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));
  const t2 = performance.now();
  const ajv = new Ajv(${JSON.stringify(AJV_OPTIONS)});
  for (const k of keywords) ajv.addKeyword(k);
  for (const b of bundles) ajv.addSchema(b);
  for (const n of names) { ajv.getSchema('typed#/definitions/' + n); ajv.getSchema('wire#/definitions/' + n); }
  console.log(performance.now() - t, performance.now() - t2);`;

/** What the generator's `addBundles` gives ajv, captured as plain data (one copy of that knowledge). */
function captureBundles(addBundles, ir) {
  const captured = { keywords: [], bundles: [], names: ir.schemas.map((s) => s.name) };
  const recorder = {
    addKeyword: (definition) => (captured.keywords.push(definition), recorder),
    addSchema: (schema) => (captured.bundles.push(schema), recorder),
  };
  addBundles(recorder, ir);
  return captured;
}

function timeInChild(script, runs = 5) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
        .trim()
        .split(' ')
        .map(Number),
    );
  }
  return samples[0].map((_, i) => median(samples.map((s) => s[i])));
}

export async function run() {
  const { Ajv } = await import('ajv');
  const { loadSchemaSet, buildIR, addBundles } = await import('@centkit/generator');
  const ir = buildIR(await loadSchemaSet(path.join(root, 'schema/centrifugo-v1'), 'schema/centrifugo-v1'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'centkit-bench-schemas-'));
  const file = path.join(dir, 'bundles.json');
  writeFileSync(file, JSON.stringify(captureBundles(addBundles, ir)));
  let importMs, startupMs, compileOnlyMs;
  try {
    [importMs] = timeInChild(IMPORT_GENERATED);
    [startupMs, compileOnlyMs] = timeInChild(compileAtStartup(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  table([
    ['start-up (fresh process, median of 5)', 'ms'],
    ['import @centkit/validators (generated, standalone)', fmt(importMs, 1)],
    [
      `plain ajv: import, read the schemas, compile the same ${ir.schemas.length * 2} validators (baseline)`,
      fmt(startupMs, 1),
    ],
    ['  of which compiling only', fmt(compileOnlyMs, 1)],
  ]);
  console.log(
    `  → the generated import is ${fmt(startupMs / importMs, 1)}× faster than plain ajv compiling at start-up`,
  );

  const v = await import('@centkit/validators');
  const ajv = addBundles(new Ajv(AJV_OPTIONS), ir);
  const runtime = Object.fromEntries(
    ir.methods.map((m) => [m.name, ajv.getSchema(`typed#/definitions/${m.params.name}`)]),
  );
  const runtimeCommand = ajv.getSchema('typed#/definitions/Command');

  const publish = { channel: 'public:chat', data: { text: 'hello', n: 1, tags: ['a', 'b'] }, client: 'c1' };
  const batch = Array.from({ length: 100 }, (_, i) =>
    i % 4 === 0
      ? { method: 'history', params: { channel: `public:c${i}` } }
      : { method: 'publish', params: { ...publish, channel: `public:c${i}` } },
  );
  const generatedBatch = () => {
    for (const command of batch)
      if (!v.validateCommand(command).ok || !v.validate(command.method, 'params', command.params).ok)
        throw new Error('invalid');
  };
  const runtimeBatch = () => {
    for (const command of batch)
      if (!runtimeCommand(command) || !runtime[command.method](command.params)) throw new Error('invalid');
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
