// Issue (client): publishes/s from 1 and from 32 concurrent callers and commands/s in
// 100-command batches, each side by side with a minimal node:http keep-alive loop that signs and
// sends the same commands, against the same local server (the mock, in its own process); the
// same loop against the real Centrifugo v6.9.1 where it is installed (issue #17 §4: a reference
// for what a real server answers here; @centkit/client speaks 1.x, so it has no figure there);
// and the core client's size, minified and gzipped.
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Client } from '@centkit/client';
import { createBaselineClient, createV6BaselineClient } from './lib/baseline-client.js';
import { CENTRIFUGO_VERSION, startV6, V6_PUBLISH, v6Unavailable } from './lib/centrifugo-v6.js';
import { fmt, table } from './lib/measure.js';
import { startMock } from './lib/processes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-secret';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

/** Runs `workers` loops calling `once` until the time is up; returns operations per second. */
async function throughput(once, { workers = 1, opsPerCall = 1, seconds = SECONDS } = {}) {
  const warmEnd = performance.now() + 300;
  while (performance.now() < warmEnd) await once();
  let calls = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end && calls < 5_000_000) {
        await once();
        calls++;
      }
    }),
  );
  return (calls * opsPerCall * 1000) / (performance.now() - start);
}

export async function run() {
  const mock = await startMock({ secret: SECRET });
  const address = mock.url;
  const client = new Client({ address, secret: SECRET, maxBatchSize: 1000 });
  const baseline = createBaselineClient(address, SECRET);
  const publish = { channel: 'bench', data: { text: 'hello', n: 1 } };
  const batch = Array.from({ length: 100 }, (_, i) => ({
    method: 'publish',
    params: { channel: `bench${i % 10}`, data: { n: i } },
  }));
  try {
    const rows = [['against the mock (own process)', 'baseline loop', '@centkit/client', 'ratio']];
    const seqBase = await throughput(() => baseline.send([{ method: 'publish', params: publish }]));
    const seqClient = await throughput(() => client.publish(publish));
    rows.push(['c=1 (sequential), publishes/s', fmt(seqBase), fmt(seqClient), `${fmt(seqClient / seqBase, 2)}×`]);
    const conBase = await throughput(() => baseline.send([{ method: 'publish', params: publish }]), { workers: 32 });
    const conClient = await throughput(() => client.publish(publish), { workers: 32 });
    rows.push([
      'c=32 concurrent callers, publishes/s',
      fmt(conBase),
      fmt(conClient),
      `${fmt(conClient / conBase, 2)}×`,
    ]);
    const batchBase = await throughput(() => baseline.send(batch), { opsPerCall: 100 });
    const batchClient = await throughput(
      () => {
        const b = client.batch();
        for (const c of batch) b.publish(c.params);
        return b.send();
      },
      { opsPerCall: 100 },
    );
    rows.push([
      '100-command batches, commands/s',
      fmt(batchBase),
      fmt(batchClient),
      `${fmt(batchClient / batchBase, 2)}×`,
    ]);
    table(rows);
  } finally {
    baseline.close();
    await client.close();
    await mock.stop();
  }
  await againstRealServer();
  await reportSize();
}

async function againstRealServer() {
  const why = v6Unavailable();
  if (why !== undefined) {
    console.log(`  (no real Centrifugo row: ${why})`);
    return;
  }
  const server = await startV6();
  const loop = createV6BaselineClient(server.url, V6_PUBLISH);
  try {
    const single = await throughput(() => loop.send());
    const many = await throughput(() => loop.send(), { workers: 32 });
    table([
      [`against the real Centrifugo v${CENTRIFUGO_VERSION} (reference)`, 'c=1 publishes/s', 'c=32 publishes/s'],
      ['baseline loop, v6 publish (JSON, X-API-Key)', fmt(single), fmt(many)],
    ]);
  } finally {
    loop.close();
    await server.stop();
  }
}

async function reportSize() {
  const result = await build({
    entryPoints: [path.join(root, 'packages/client/dist/index.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    write: false,
    external: ['@centkit/validators', 'ioredis'],
    treeShaking: true,
  });
  const code = result.outputFiles[0].contents;
  table([
    ['core client (@centkit/client, esbuild --minify, Redis subpath and validators excluded)', 'bytes'],
    ['minified', fmt(code.length)],
    ['minified + gzip', fmt(gzipSync(code, { level: 9 }).length)],
  ]);
}
