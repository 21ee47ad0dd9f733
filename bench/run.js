#!/usr/bin/env node
// `npm run bench`: every benchmark, printed as figures side by side with its baseline.
// Sections run one after another (never in parallel) so they do not steal each other's cores.
import os from 'node:os';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.js')).sort();

console.log(
  `centkit benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()}`,
);
for (const file of files) {
  const name = file.replace(/\.bench\.js$/, '');
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n## ${name}`);
  const section = await import(path.join(here, file));
  await section.run();
}
