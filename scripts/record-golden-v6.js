#!/usr/bin/env node
// Records the golden transcripts of the real Centrifugo v6.9.1 into test/fixtures/centrifugo-v6/.
//
//   node scripts/record-golden-v6.js                       every file
//   node scripts/record-golden-v6.js api startup           some of them (api, connections, clientProtocol, startup)
//
// The recorder is TypeScript under test/support/golden-v6/ (the test that re-records the API part
// runs the same code). Node 20 cannot run TypeScript, so esbuild bundles it first into .tmp/
// inside the repository, where the packages it imports (ws, jose) resolve.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KINDS = ['api', 'connections', 'clientProtocol', 'startup'];

const kinds = process.argv.slice(2);
const unknown = kinds.filter((k) => !KINDS.includes(k));
if (unknown.length > 0) {
  process.stderr.write(`record-golden-v6: unknown file ${unknown.join(', ')} (choose from ${KINDS.join(', ')})\n`);
  process.exit(2);
}

const outfile = path.join(root, '.tmp', 'record-golden-v6', 'record-golden.js');
await build({
  entryPoints: [path.join(root, 'test', 'support', 'golden-v6', 'record-golden.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { recordGolden } = await import(pathToFileURL(outfile).href);
try {
  await recordGolden(kinds.length > 0 ? kinds : KINDS, path.join(root, 'test', 'fixtures', 'centrifugo-v6'), (line) =>
    process.stdout.write(`${line}\n`),
  );
} catch (error) {
  process.stderr.write(
    `record-golden-v6: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
