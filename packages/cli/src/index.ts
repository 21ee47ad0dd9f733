// Public surface of @centkit/cli: the `cent` command as a function, for embedding and tests.
export { run, EXIT_INTERNAL } from './run.js';
export { EXIT, CliError } from './errors.js';
export type { ErrorKind } from './errors.js';
export type { CliIo } from './io.js';
export { processIo } from './io.js';
