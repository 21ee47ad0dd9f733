// The `cent` executable (bin/cent.js imports this): run, then leave with its exit code.
import { processIo } from './io.js';
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), processIo());
