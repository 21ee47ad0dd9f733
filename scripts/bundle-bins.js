#!/usr/bin/env node
// `npm run build`, after `tsc -b`: each command-line program (`centkit`, `centkit-mock`, `cent`) also gets
// its compiled modules joined into one file, which its bin runs. Loading ~60 ES modules one by
// one (resolve, read, compile, link each) cost ~35 ms of every start on a slow machine; one
// file costs a few. Only the package's own modules (and the workspaces named in `inline`) are
// joined: dependencies stay imports.
//
// Two shapes. ESM (the mock): what a module loads with `import()` goes into a chunk of its own,
// so it still loads only when needed. CommonJS (`cent`, `format: 'cjs'`): one file, because
// Node 20's ES module loader costs ~9 ms of every start before any code runs, and a CommonJS
// file can be compiled with a V8 code cache (packages/cli/bin/run-bundle.cjs; bench/cli.bench.js
// shows both). esbuild still wraps each module in an init function called on first use, so
// `cent --help` does not run the client's modules (test/bin-bundles.test.ts checks it).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Per package: the entry tsc compiled, bundled into `dist/bundle/<name>.js`, which the bin
 * imports, and what of the other workspaces goes in with it (a package, or one of its entry
 * points): resolving and loading a package costs a few ms. A bin checks the build time of each
 * package it holds (`bin/*.js`), so the list and the bins go together.
 */
export const BIN_BUNDLES = [
  // The generator: ~90 modules; one file and its chunks cut ~70 ms of a cold `centkit generate`
  // (bench/generator.bench.js, the shipped protocols' row, goal < 1 s each).
  { pkg: 'generator', entry: 'dist/cli/main.js' },
  {
    pkg: 'packages/mock',
    entry: 'dist/bin.js',
    inline: ['@centkit/validators/protocol', '@centkit/validators/v6/protocol'],
  },
  {
    pkg: 'packages/cli',
    entry: 'dist/main.js',
    inline: ['@centkit/client', '@centkit/validators'],
    format: 'cjs',
    outfile: 'cent.cjs',
  },
];

export const BUNDLE_DIR = 'dist/bundle';

/**
 * Bundles one package's bin entry; deterministic (same dist in, same bytes out; chunk names
 * carry a hash of their content). Returns the files (path relative to the package → text).
 */
export async function bundleBin({ pkg, entry, inline = [], format = 'esm', outfile }, { write = true } = {}) {
  const cwd = path.join(root, pkg);
  if (write) rmSync(path.join(cwd, BUNDLE_DIR), { recursive: true, force: true });
  const banner = `// Bundled from ${pkg}/${entry} by scripts/bundle-bins.js (npm run build). Do not edit.`;
  const shape =
    format === 'cjs'
      ? {
          outfile: path.join(BUNDLE_DIR, outfile ?? path.basename(entry)),
          format: 'cjs',
          // `import.meta.url` (createRequire, package.json look-ups) becomes this file's URL.
          define: { 'import.meta.url': '__bundle_url' },
          banner: { js: `${banner}\nconst __bundle_url = require('node:url').pathToFileURL(__filename).href;` },
        }
      : {
          outdir: BUNDLE_DIR,
          entryNames: '[name]',
          chunkNames: 'chunks/[name]-[hash]',
          format: 'esm',
          splitting: true,
          banner: { js: banner },
        };
  const result = await build({
    absWorkingDir: cwd,
    entryPoints: [entry],
    ...shape,
    bundle: true,
    platform: 'node',
    target: 'node20',
    plugins: [externalPackages(inline)],
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  const files = new Map(result.outputFiles.map((f) => [path.relative(cwd, f.path), f.text]));
  for (const [file, text] of files) {
    // Bundled code sits elsewhere than its module did: a path relative to import.meta.url breaks.
    const relative = /new URL\(\s*["']\.\.?\/[^"']*["']\s*,\s*import\.meta\.url/.exec(text);
    if (relative)
      throw new Error(
        `${pkg}/${file}: ${relative[0]}…) would resolve from the bundle's place, not the module's; find the file another way (by package name, say)`,
      );
    // The code-cache loader compiles a CommonJS bundle with vm.Script, which has no import().
    if (format === 'cjs' && /\bimport\(/.test(text))
      throw new Error(
        `${pkg}/${file}: an import() left in a CommonJS bundle; bundle that package in (inline) or require it`,
      );
  }
  if (write) {
    for (const f of result.outputFiles) {
      mkdirSync(path.dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.contents);
    }
  }
  return files;
}

/** Bare imports stay imports, except the packages and entry points named in `inline`, which are bundled in. */
function externalPackages(inline) {
  return {
    name: 'external-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return inline.includes(name) || inline.includes(args.path) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const spec of BIN_BUNDLES) await bundleBin(spec);
}
