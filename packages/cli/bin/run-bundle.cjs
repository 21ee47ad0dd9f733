'use strict';
// Speed-up, quarantined here: runs cent's one-file CommonJS bundle (dist/bundle/cent.cjs) as
// Node's own CommonJS loader would, but compiled with a V8 code cache, so a start does not
// parse and compile ~300 KB of JavaScript again. Node 20 has no compile cache of its own
// (module.enableCompileCache() is Node 22). Justified by bench/cli.bench.js (`cent publish`
// with and without the cache, beside the real Python cent 1.1.0); checked against a plain
// `require` of the same bundle by packages/cli/test/bundle-cache.test.ts.
//
// The cache is a file per (bundle text, Node version, architecture) in the user's cache folder
// ($CENTKIT_CACHE_DIR, else $XDG_CACHE_HOME/centkit, else ~/.cache/centkit), written by the
// first run that found none (with everything that run compiled) and read by the next ones.
// V8 checks only the source's length against a cache, so the key is a hash of the text. With no
// usable folder (no absolute HOME, read-only), cent runs the same, only without the cache.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { Script } = require('node:vm');

/** The folder for cache files, or undefined when none is usable. */
function cacheDir(env) {
  const absolute = (p) => (p !== undefined && path.isAbsolute(p) ? p : undefined);
  const own = absolute(env.CENTKIT_CACHE_DIR);
  if (own !== undefined) return own;
  const base =
    absolute(env.XDG_CACHE_HOME) ?? (absolute(env.HOME) === undefined ? undefined : path.join(env.HOME, '.cache'));
  return base === undefined ? undefined : path.join(base, 'centkit');
}

function cacheFile(source, env) {
  const dir = cacheDir(env);
  if (dir === undefined) return undefined;
  const key = createHash('sha256')
    .update(`${process.version}\0${process.arch}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 32);
  return path.join(dir, `cent-${key}.v8cache`);
}

function readCache(file) {
  try {
    return file === undefined ? undefined : readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written to a temporary name and renamed: a concurrent run reads the old file or the new, never half of one. */
function writeCache(file, data) {
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // No cache this time; the next run tries again.
  }
}

/** Runs the CommonJS file `file` (absolute) as its main module would run, with the code cache. */
function runBundle(file, env = process.env) {
  const source = readFileSync(file, 'utf8');
  const cache = cacheFile(source, env);
  const cachedData = readCache(cache);
  // The wrapper Node's CommonJS loader puts around a module, on the same line as its first one.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (cache !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    // At exit, the cache also holds the functions this run compiled lazily.
    process.once('exit', () => writeCache(cache, script.createCachedData()));
  }
  const module = { exports: {}, filename: file, id: '.', loaded: false };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
}

module.exports = { runBundle, cacheDir };
