#!/usr/bin/env node
// `npm run generate [-- --check | --config FILE | --schema DIR ...]`: build the generator,
// regenerate every protocol of centkit.config.json in one run (arguments go to `centkit
// generate`), then build all workspaces so the new code is typechecked, and bundle the bins
// (scripts/bundle-bins.js). With --check nothing is written or built.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function run(argv) {
  const result = spawnSync(process.execPath, argv, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run([tsc, '-b', 'generator']);
run(['generator/bin/centkit.js', 'generate', ...args]);
if (!args.includes('--check')) {
  run([tsc, '-b']);
  run(['scripts/bundle-bins.js']);
}
