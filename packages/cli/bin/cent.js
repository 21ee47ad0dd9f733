#!/usr/bin/env node
// `npm run build` joins the compiled modules (with @centkit/client's) into one file, which starts
// ~25 ms sooner. A `tsc -b` of either package since then (a newer .tsbuildinfo) leaves that file
// stale, so the modules run instead.
import { statSync } from 'node:fs';

const mtime = (file) => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const bundle = mtime('../dist/bundle/main.js');
const built = Math.max(mtime('../dist/.tsbuildinfo'), mtime('../../client/dist/.tsbuildinfo'));
await import(bundle > 0 && bundle >= built ? '../dist/bundle/main.js' : '../dist/main.js');
