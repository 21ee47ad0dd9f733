#!/usr/bin/env node
// V8 optimises later than its default (src/cli/optimise-later.ts); `generate` starts the thread that
// compiles the validators first, so it loads ajv while this one loads the rest
// (src/emitters/validators/off-thread.ts); ts-morph's large CommonJS sources compile through a
// V8 code cache (src/cli/code-cache.ts).
// `npm run build` joins the compiled modules into one file and its chunks, which start sooner
// (scripts/bundle-bins.js); a `tsc -b` since then (a newer .tsbuildinfo) leaves that stale, so
// the modules run instead.
import { statSync } from 'node:fs';
import { enableCodeCache } from '../dist/cli/code-cache.js';
import { optimiseLater } from '../dist/cli/optimise-later.js';

optimiseLater();
if (process.argv[2] === 'generate') (await import('../dist/emitters/validators/off-thread.js')).startEarlyWorker();
enableCodeCache();
const mtime = (file) => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const bundle = mtime('../dist/bundle/main.js');
await import(bundle > 0 && bundle >= mtime('../dist/.tsbuildinfo') ? '../dist/bundle/main.js' : '../dist/cli/main.js');
