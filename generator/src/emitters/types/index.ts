import type { Emitter } from '../../emit/emitter.js';
import { tsHeader } from '../../emit/header.js';
import type { JsonSchema, ProtocolIR } from '../../ir/types.js';
import { referencedNamesOfAll } from '../../ir/reachable.js';
import { forTypeScript } from './prepare-schema.js';
import { referenceStubs } from './reference-stubs.js';
import { formatTypeScript } from './prettier-standalone.js';
import { lazyRequire } from '../../lazy-require.js';

// Loaded on the first types emitted (lazy-require.ts).
const jsonSchemaToTypeScript = lazyRequire<typeof import('json-schema-to-typescript')>('json-schema-to-typescript');

/** The file this emitter writes in its output folder. */
export const TYPES_FILE = 'types.gen.ts';

/** prettier's options for the types file (the parser is TypeScript). */
export const TYPES_FORMAT = { singleQuote: true, printWidth: 110, trailingComma: 'all', endOfLine: 'lf' } as const;

/**
 * TypeScript types for every named schema, from the typed view, through
 * json-schema-to-typescript. Each type is compiled on its own with the others as
 * definitions it may reference by name, so shared types are declared once (no `Message1`).
 */
export const typesEmitter: Emitter = {
  name: 'types',
  dependsOn: [],
  async emit(ir: ProtocolIR) {
    const definitions: Record<string, JsonSchema> = Object.fromEntries(
      ir.schemas.map((s) => [s.name, forTypeScript({ ...s.typed, title: s.name })]),
    );
    const blocks: string[] = [];
    const reaches = referencedNamesOfAll(definitions);
    for (const schema of ir.schemas) {
      // Only the definitions it reaches: compiling against all of them is quadratic in size. The
      // root is its own definition (not a copy), so a recursive type refers to itself by name;
      // the others are printed as references by name only (reference-stubs.ts).
      const reachable = structuredClone(
        referenceStubs(
          schema.name,
          Object.fromEntries((reaches.get(schema.name) ?? []).map((n) => [n, definitions[n] as JsonSchema])),
        ),
      );
      const root = reachable[schema.name] as JsonSchema & { definitions?: unknown };
      root.definitions = reachable;
      blocks.push(
        await jsonSchemaToTypeScript().compile(root as never, schema.name, {
          bannerComment: '',
          additionalProperties: false,
          declareExternallyReferenced: false,
          strictIndexSignatures: false,
          // `minItems: 1` would become a tuple `[T, ...T[]]` that a plain `T[]` variable can't fill.
          ignoreMinAndMaxItems: true,
          unknownAny: true,
          // Formatted once for the whole file below instead of once per type.
          format: false,
        }),
      );
    }
    // json-schema-to-typescript's blocks are used whole; prettier (its own formatter) prints
    // the assembled file once, with pinned options.
    const body = await formatTypeScript(blocks.join('\n'), TYPES_FORMAT);
    return [{ path: TYPES_FILE, content: `${tsHeader(ir.source)}\n\n${body}` }];
  },
};
