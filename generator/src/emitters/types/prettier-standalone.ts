/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (each shipped protocol,
 * cold): prettier's main entry is an ES module that imports its TypeScript and estree plugins
 * (1.1 MB) as ES modules on the first `format`, some 100 ms of every cold run that Node 20 cannot
 * cache. Its standalone build and the same two plugins are also shipped as CommonJS, which the
 * `centkit` bin compiles through its V8 code cache (cli/code-cache.ts): the same formatter of
 * the same version, loaded in a few ms. `test/prettier-standalone.test.ts` checks it gives the
 * bytes of prettier's `format` on the types of the shipped, test and synthetic protocols.
 */
import type { Options, Plugin } from 'prettier';
import { lazyRequire } from '../../lazy-require.js';

// Loaded on the first format (lazy-require.ts).
const standalone = lazyRequire<typeof import('prettier/standalone')>('prettier/standalone');
const typescript = lazyRequire<Plugin>('prettier/plugins/typescript');
const estree = lazyRequire<Plugin>('prettier/plugins/estree');

/** `format(text, { ...options, parser: 'typescript' })` of prettier. */
export function formatTypeScript(text: string, options: Omit<Options, 'parser' | 'plugins'>): Promise<string> {
  return standalone().format(text, { ...options, parser: 'typescript', plugins: [typescript(), estree()] });
}
