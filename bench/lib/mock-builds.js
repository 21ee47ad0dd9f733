// Other builds of the mock, run beside the current one in the same alternating rounds: how a
// change to its hot path is measured (a cache kept or removed, one HMAC or another).
//
//   npm run build && node bench/lib/mock-builds.js save before   # keep the current bundle
//   (change the mock)
//   BENCH_MOCK_BUILDS=before npm run bench -- mock mock6         # each saved build is one more row
//
// A build is a copy of packages/mock/dist/bundle in .tmp/mock-builds/<name> (inside the repo,
// so its imports of yaml, ioredis... resolve from node_modules as the bundle's do).
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILDS = path.join(root, '.tmp', 'mock-builds');

/** The builds BENCH_MOCK_BUILDS names: `{ name, bin }`, bin the bundle's entry. */
export function mockBuilds() {
  const names = (process.env.BENCH_MOCK_BUILDS ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return names.map((name) => {
    const bin = path.join(BUILDS, name, 'bin.js');
    if (!existsSync(bin)) throw new Error(`no mock build ${name} (node bench/lib/mock-builds.js save ${name})`);
    return { name, bin };
  });
}

/** A saved build beside the current mock: req/s and server CPU per request, as medians of the same rounds. */
export function compareBuild(build, mock, c) {
  const of = (r, key) => median(r.rounds[c].map((x) => x[key]).filter((x) => x !== undefined));
  const perRound = build.rounds[c].map((x, i) => x.rps / mock.rounds[c][i].rps);
  return `${build.name} / current = ${fmt(of(build, 'rps') / of(mock, 'rps'), 3)}× req/s (per round ${fmt(Math.min(...perRound), 2)}–${fmt(Math.max(...perRound), 2)}×), CPU ${fmt(of(build, 'cpuPerRequest'), 1)} vs ${fmt(of(mock, 'cpuPerRequest'), 1)} µs/req`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, name] = process.argv.slice(2);
  if (command !== 'save' || name === undefined || !/^[\w.-]+$/.test(name)) {
    console.error('usage: node bench/lib/mock-builds.js save NAME');
    process.exit(2);
  }
  const from = path.join(root, 'packages/mock/dist/bundle');
  if (!existsSync(path.join(from, 'bin.js'))) throw new Error('no bundle: run npm run build first');
  rmSync(path.join(BUILDS, name), { recursive: true, force: true });
  cpSync(from, path.join(BUILDS, name), { recursive: true });
  console.log(`saved ${from} as ${path.join(BUILDS, name)}`);
}
