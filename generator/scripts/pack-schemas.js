#!/usr/bin/env node
// `prepack` of @centkit/generator: copies the protocols the repository's centkit.config.json
// lists into schemas/<name>/, with schemas/index.json naming them in config order, so that
// `centkit contract` works from the installed package (generator/src/cli/pick-protocol.ts reads
// them). `postpack` runs it with --clean to remove the copies again (they are not committed).
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const generatorDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(generatorDir, '..');
const target = path.join(generatorDir, 'schemas');

await rm(target, { recursive: true, force: true });
if (!process.argv.includes('--clean')) {
  const config = JSON.parse(await readFile(path.join(repoRoot, 'centkit.config.json'), 'utf8'));
  const names = [];
  for (const protocol of config.protocols) {
    const name = protocol.name ?? path.basename(protocol.schema);
    await cp(path.resolve(repoRoot, protocol.schema), path.join(target, name), { recursive: true });
    names.push(name);
  }
  await mkdir(target, { recursive: true });
  await writeFile(path.join(target, 'index.json'), `${JSON.stringify({ protocols: names }, null, 2)}\n`);
}
