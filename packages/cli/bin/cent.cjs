#!/usr/bin/env node
'use strict';
// `npm run build` joins the compiled modules (with @centkit/client's and @centkit/validators')
// into one CommonJS file, which run-bundle.cjs starts with a V8 code cache. A `tsc -b` of any of
// those packages since then (a newer .tsbuildinfo) leaves that file stale: the modules run instead.
const { statSync } = require('node:fs');
const path = require('node:path');

const mtime = (file) => statSync(path.join(__dirname, file), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const bundle = mtime('../dist/bundle/cent.cjs');
const built = Math.max(
  mtime('../dist/.tsbuildinfo'),
  mtime('../../client/dist/.tsbuildinfo'),
  mtime('../../validators/dist/.tsbuildinfo'),
);
if (bundle > 0 && bundle >= built)
  require('./run-bundle.cjs').runBundle(path.join(__dirname, '../dist/bundle/cent.cjs'));
else import('../dist/main.js');
