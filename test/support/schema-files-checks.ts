/**
 * Checks every protocol definition under schema/ gets, whatever the protocol: the files are valid
 * draft-07 schemas that compile in both views with every $ref resolved; the manifest and error
 * catalogue match their meta-schemas and each other; every schema and property is documented;
 * only x- annotations, at the right places, with sane versions; examples validate where they stand.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogueSchema, manifestSchema } from '../../generator/src/load/manifest-schema.js';
import { formatErrors, loadProtocol, type LoadedProtocol, type Schema } from './load-schemas.js';

const SCHEMA_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema');

export function describeSchemaFiles(dirNames: readonly string[], options: { readonly minExamples: number }): void {
  describe.each(dirNames)('schema files of %s', (dirName) => {
    let P: LoadedProtocol;
    beforeAll(async () => {
      P = await loadProtocol(path.join(SCHEMA_ROOT, dirName));
    });

    it('are valid draft-07 schemas that compile, with every $ref resolved', () => {
      expect(P.files.size).toBe(2 + (P.manifest.types?.length ?? 0) + 2 * P.manifest.methods.length);
      // loadProtocol ran the generator's validate stage (meta-schema, refs, names) and compiled
      // both views of every file; any problem would have thrown.
      expect(P.problems).toEqual([]);
      for (const file of P.files.keys()) {
        expect(P.validator(file)).toBeTypeOf('function');
        expect(P.typedValidator(file)).toBeTypeOf('function');
      }
    });

    it('manifest and error catalogue match their meta-schemas and each other', () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      const manifestOk = ajv.validate(manifestSchema, P.manifest);
      expect(formatErrors(ajv.errors), 'protocol.json').toBe('');
      expect(manifestOk).toBe(true);
      const catalogueOk = ajv.validate(errorCatalogueSchema, P.catalogue);
      expect(formatErrors(ajv.errors), 'errors.json').toBe('');
      expect(catalogueOk).toBe(true);

      const ids = P.catalogue.errors.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const m of P.manifest.methods)
        for (const id of m.errors ?? []) expect(ids, `${m.name} lists ${id}`).toContain(id);
      for (const e of P.catalogue.errors) {
        if (e.kind === 'hard') expect([e.status, e.body].includes(undefined), e.id).toBe(false);
        if (e.kind === 'unused') expect(e.message, e.id).toBeTypeOf('string');
        for (const m of e.adviceMethods ?? [])
          expect(
            P.manifest.methods.map((x) => x.name),
            e.id,
          ).toContain(m);
      }
    });

    it('document every schema and property, name shared types, and annotate only with x- keywords at the right places', () => {
      const problems: string[] = [];
      const methodFiles = new Set(P.manifest.methods.flatMap((m) => [m.params, m.result]));
      for (const [file, schema] of P.files) {
        if (typeof schema['description'] !== 'string') problems.push(`${file}: no description`);
        if (schema['$schema'] !== 'http://json-schema.org/draft-07/schema#')
          problems.push(`${file}: not declared draft-07`);
        if (methodFiles.has(file) === 'title' in schema)
          problems.push(
            `${file}: ${methodFiles.has(file) ? 'method files take no title' : 'shared types need a title'}`,
          );
        walkSchemas(schema, '', (sub, at) => {
          if (at !== '' && 'x-typed' in sub) problems.push(`${file}#${at}: x-typed only at the root`);
          const since = sub['x-since'];
          if (since !== undefined && (typeof since !== 'string' || compareVersions(since, P.manifest.version) > 0))
            problems.push(`${file}#${at}: bad x-since`);
          for (const [name, prop] of Object.entries((sub['properties'] ?? {}) as Record<string, Schema>)) {
            if (typeof prop['description'] !== 'string')
              problems.push(`${file}#${at}/properties/${name}: no description`);
          }
        });
      }
      expect(problems).toEqual([]);
    });

    it('have examples that validate where they stand (and, at the root, in the typed view too)', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const [file, schema] of P.files) {
        walkSchemas(schema, '', (sub, at) => {
          const examples = sub['examples'];
          if (!Array.isArray(examples)) return;
          const validate = P.validator(file, at);
          const typed = at === '' ? P.typedValidator(file) : undefined;
          for (const [i, example] of examples.entries()) {
            checked++;
            if (!validate(example)) problems.push(`${file}#${at}/examples/${i}: ${formatErrors(validate.errors)}`);
            if (typed && !typed(example)) problems.push(`${file}/examples/${i} (typed): ${formatErrors(typed.errors)}`);
          }
        });
        if (!Array.isArray(schema['examples'])) problems.push(`${file}: no examples`);
      }
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(options.minExamples);
    });
  });
}

/** Visits a schema and its subschemas with their JSON pointers (not data keywords). */
export function walkSchemas(schema: Schema, at: string, visit: (s: Schema, at: string) => void): void {
  visit(schema, at);
  const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  for (const [k, v] of Object.entries(schema)) {
    if (v === null || typeof v !== 'object' || ['examples', 'enum', 'const', 'default', 'x-typed'].includes(k))
      continue;
    if (['properties', 'patternProperties', 'definitions', 'dependencies'].includes(k)) {
      for (const [name, sub] of Object.entries(v as Record<string, unknown>)) {
        if (sub !== null && typeof sub === 'object' && !Array.isArray(sub))
          walkSchemas(sub as Schema, `${at}/${k}/${esc(name)}`, visit);
      }
    } else if (Array.isArray(v)) {
      v.forEach((sub, i) => {
        if (sub !== null && typeof sub === 'object') walkSchemas(sub as Schema, `${at}/${k}/${i}`, visit);
      });
    } else {
      walkSchemas(v as Schema, `${at}/${k}`, visit);
    }
  }
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
