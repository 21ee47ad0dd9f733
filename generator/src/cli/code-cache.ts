/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (the shipped protocol,
 * cold): V8 compiles the CommonJS sources of ts-morph and of the TypeScript it bundles (12 MB)
 * on every run, some 200 ms of CPU of a cold `centkit generate` (Node 20 has no compile cache of
 * its own), after reading them as UTF-8, some 40 ms more. The files listed below, read as the
 * ASCII they are, are compiled with a V8 code cache instead, produced at the end
 * of the first run (so it holds the functions that run used) and kept in
 * `node_modules/.cache/centkit` where its dependencies are installed (else the system temp folder). V8
 * checks a cache against the source and rejects a stale or foreign one; the file is then
 * compiled as usual and the cache written again. A cache that cannot be read or written is
 * simply not used. `test/code-cache.test.ts` checks that runs without, creating and using the
 * cache print the same bytes, and that a damaged cache is refused.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Files compiled through the cache: large or busy, and never importing dynamically (a vm.Script
 * here could not): ts-morph, the TypeScript it bundles and the writer it prints with, prettier's
 * standalone build and the two plugins the types are formatted with
 * (emitters/types/prettier-standalone.ts), and the CommonJS packages that compile the types and
 * the validators: json-schema-to-typescript with its ref parser, lodash and js-yaml, and ajv with
 * the URI parser it resolves refs with (some 20 ms of their top-level code and the functions a run
 * calls, compiled again on every run without it).
 */
const CACHED = new RegExp(
  String.raw`[\\/]node_modules[\\/](?:` +
    [
      String.raw`@ts-morph[\\/]common[\\/]dist[\\/](?:typescript|ts-morph-common)`,
      String.raw`ts-morph[\\/]dist[\\/]ts-morph`,
      String.raw`code-block-writer[\\/]script[\\/].*`,
      String.raw`prettier[\\/](?:standalone|plugins[\\/](?:typescript|estree))`,
      String.raw`json-schema-to-typescript[\\/]dist[\\/].*`,
      String.raw`@apidevtools[\\/]json-schema-ref-parser[\\/](?:dist|lib)[\\/].*`,
      String.raw`lodash[\\/]lodash`,
      String.raw`js-yaml[\\/].*`,
      String.raw`ajv[\\/]dist[\\/].*`,
      String.raw`fast-uri[\\/].*`,
    ].join('|') +
    String.raw`)\.js$`,
);

/** What happened to each cached file in this process (for tests). */
export interface CodeCacheUse {
  readonly dir: string;
  readonly used: string[];
  readonly rejected: string[];
  readonly written: string[];
}

interface CompilingModule {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

type JsLoader = (module: CompilingModule, filename: string) => void;

/** Starts compiling the listed files through the cache in `dir` (default: where the dependencies are installed). */
export function enableCodeCache(dir: string = defaultDir()): CodeCacheUse {
  const use: CodeCacheUse = { dir, used: [], rejected: [], written: [] };
  const Module = createRequire(import.meta.url)('node:module') as {
    prototype: CompilingModule;
    wrap(content: string): string;
    _extensions: Record<string, JsLoader>;
  };
  const compile = Module.prototype._compile;
  const load = Module._extensions['.js'] as JsLoader;
  // Node reads a CommonJS file as UTF-8 (~35 ms for TypeScript's 9 MB); these are ASCII, which reads as Latin-1 in a few.
  Module._extensions['.js'] = function cachedLoad(module: CompilingModule, filename: string): void {
    if (!CACHED.test(filename)) return load(module, filename);
    const bytes = readFileSync(filename);
    module._compile(isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'), filename);
  };
  const pending: { file: string; source: string; script: vm.Script }[] = [];
  Module.prototype._compile = function cachedCompile(
    this: CompilingModule,
    content: string,
    filename: string,
  ): unknown {
    if (!CACHED.test(filename)) return compile.call(this, content, filename);
    const file = path.join(
      dir,
      `${createHash('sha1').update(`${process.versions.v8}\0${filename}\0${content.length}`).digest('hex')}.v8`,
    );
    const cachedData = read(file);
    const script = new vm.Script(Module.wrap(content), {
      filename,
      ...(cachedData === undefined ? {} : { cachedData }),
    });
    if (cachedData !== undefined && !script.cachedDataRejected) use.used.push(filename);
    else {
      if (cachedData !== undefined) use.rejected.push(filename);
      pending.push({ file, source: filename, script });
    }
    const wrapper = script.runInThisContext() as (
      exports: unknown,
      require: NodeJS.Require,
      module: unknown,
      filename: string,
      dirname: string,
    ) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { file, source, script } of pending)
      if (write(file, script.createCachedData())) use.written.push(source);
  });
  return use;
}

function read(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so a concurrent reader never sees half a cache. */
function write(file: string, data: Buffer): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, file);
    return true;
  } catch {
    return false;
  }
}

/** `.cache/centkit` in the node_modules folder that holds ts-morph (installed or in a checkout), else the temp folder. */
function defaultDir(): string {
  try {
    const resolved = createRequire(import.meta.url).resolve('ts-morph');
    const at = resolved.lastIndexOf(`${path.sep}node_modules${path.sep}`);
    if (at !== -1) return path.join(resolved.slice(0, at), 'node_modules', '.cache', 'centkit');
  } catch {
    // Not resolvable from here: fall through to the temp folder.
  }
  return path.join(os.tmpdir(), `centkit-code-cache-${os.userInfo().uid}`);
}
