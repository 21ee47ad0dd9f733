// The `cent` executable (bin/cent.cjs runs this, or its bundle): run, then leave with its exit
// code. No top-level await: the bundle is CommonJS (scripts/bundle-bins.js says why).
import { processIo } from './io.js';
import { run } from './run.js';

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
