/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (each shipped protocol,
 * cold): prettier's main entry is an ES module that imports its TypeScript and estree plugins
 * (1.1 MB) as ES modules on the first `format`, some 100 ms of every cold run that Node 20 cannot
 * cache. Its standalone build and the same two plugins are also shipped as CommonJS, which the
 * `centkit` bin compiles through its V8 code cache (cli/code-cache.ts): the same formatter of
 * the same version, loaded in a few ms. `test/prettier-standalone.test.ts` checks it gives the
 * bytes of prettier's `format` on the types of the shipped, test and synthetic protocols.
 */
import { createRequire } from 'node:module';
import type { Options, Plugin } from 'prettier';

const require = createRequire(import.meta.url);
const { format } = require('prettier/standalone') as typeof import('prettier/standalone');
const plugins = [require('prettier/plugins/typescript') as Plugin, require('prettier/plugins/estree') as Plugin];

/** `format(text, { ...options, parser: 'typescript' })` of prettier. */
export function formatTypeScript(text: string, options: Omit<Options, 'parser' | 'plugins'>): Promise<string> {
  return format(text, { ...options, parser: 'typescript', plugins });
}
