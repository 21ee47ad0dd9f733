/**
 * The ajv side of the standalone validators, without ts-morph: what the worker thread of
 * `off-thread.ts` loads (it must stay light) and what the emitter runs when there is none.
 */
import { Ajv } from 'ajv';
import { addBundles } from '../../ir/ajv-bundles.js';
import type { NamedSchema } from '../../ir/types.js';
import { standaloneModule } from './standalone-module.js';

/** Plain data (it crosses to a worker thread): every named schema, and each export's ref in a bundle. */
export interface StandaloneInput {
  readonly schemas: readonly NamedSchema[];
  readonly refs: Readonly<Record<string, string>>;
}

/** The ajv instance the standalone code is compiled with: both bundles, ES module source. */
export function standaloneAjv(ir: Pick<StandaloneInput, 'schemas'>): Ajv {
  return addBundles(
    new Ajv({
      allErrors: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
      code: { source: true, esm: true, lines: true },
    }),
    ir,
  );
}

/** ajv's standalone code for the input's refs (its standaloneCode, assembled by standalone-module.ts). */
export function standaloneCode(input: StandaloneInput): string {
  return standaloneModule(standaloneAjv(input), input.refs);
}
