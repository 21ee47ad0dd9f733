#!/usr/bin/env node
// `npm run pack`: builds, then packs every publishable workspace into .tmp/pack/ (git-ignored),
// one tarball each, ready for `npm install <tarballs>` in any app while the packages are not on
// the registry (the root README says how). `--no-build` packs what is built.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The workspaces that are published, in dependency order. */
export const PUBLISHED = ['packages/validators', 'packages/client', 'packages/mock', 'packages/cli', 'generator'];
export const PACK_DIR = path.join(root, '.tmp/pack');

function npm(args) {
  const run = spawnSync('npm', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${String(run.status)})`);
  return run.stdout;
}

/** Packs every published workspace; returns the tarballs' absolute paths. */
export function packAll({ build = true, destination = PACK_DIR } = {}) {
  if (build) npm(['run', '-s', 'build']);
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  npm(['pack', '--silent', '--pack-destination', destination, ...PUBLISHED.flatMap((w) => ['--workspace', w])]);
  return readdirSync(destination)
    .filter((f) => f.endsWith('.tgz'))
    .sort()
    .map((f) => path.join(destination, f));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tarballs = packAll({ build: !process.argv.includes('--no-build') });
  for (const file of tarballs) console.log(path.relative(process.cwd(), file));
}
