import path from 'node:path';
import type { SchemaSet } from '../load/load-schema-set.js';
import { MANIFEST_FILE } from '../load/load-schema-set.js';
import { resolvePointer } from '../load/json-pointer.js';
import { collectRefs } from '../load/refs.js';
import { errorCatalogueSchema, manifestSchema } from '../load/manifest-schema.js';
import type { Manifest } from '../load/manifest.js';
import { createCheckingAjv, toProblems } from './ajv-instance.js';
import { checkIdempotencyKeys } from './check-idempotency-keys.js';
import { checkTransports } from './check-transports.js';
import { DRAFT07_KEYWORDS, SINCE_KEYWORD, TYPED_VIEW_KEYWORD } from './keywords.js';
import { sortProblems, type Problem } from './problem.js';
import { walkSchema } from './walk-schema.js';
import { methodTypeName } from '../ir/names.js';

/**
 * Checks a loaded schema set and returns every problem found, sorted. Each rule below is
 * independent, so one broken file does not hide the problems of another.
 */
export function validateSchemaSet(set: SchemaSet): Problem[] {
  const problems: Problem[] = [...set.problems];
  const ajv = createCheckingAjv();
  if (set.manifest === undefined) return sortProblems(problems);

  if (!ajv.validate(manifestSchema, set.manifest)) {
    problems.push(...toProblems(ajv.errors, MANIFEST_FILE, 'manifest-invalid'), ...legacyTransports(set.manifest));
    return sortProblems(problems);
  }
  const manifest = set.manifest as Manifest;
  const schemaFiles = [...set.files.keys()].filter((f) => f !== manifest.errors);

  for (const file of schemaFiles) {
    const schema = set.files.get(file);
    if (!ajv.validateSchema(schema as object)) problems.push(...toProblems(ajv.errors, file, 'schema-invalid'));
    problems.push(...checkKeywords(file, schema), ...checkRefs(set, file, schema));
  }
  const catalogue = set.files.get(manifest.errors);
  if (catalogue !== undefined && !ajv.validate(errorCatalogueSchema, catalogue)) {
    problems.push(...toProblems(ajv.errors, manifest.errors, 'errors-invalid'));
  }
  problems.push(
    ...checkNames(set, manifest),
    ...checkCrossReferences(set, manifest),
    ...checkTransports(set, manifest),
    ...checkIdempotencyKeys(set, manifest),
  );
  return sortProblems(problems);
}

/** Transports written in the format before descriptors: say how to restate them, beside the meta-schema's complaints. */
function legacyTransports(manifest: unknown): Problem[] {
  const transports = (manifest as { transports?: unknown } | null)?.transports;
  if (!Array.isArray(transports)) return [];
  return transports.flatMap((t: unknown, i) => {
    const legacy =
      t !== null && typeof t === 'object' && ('sign' in t || typeof (t as { batch?: unknown }).batch === 'boolean');
    if (!legacy) return [];
    return [
      {
        code: 'transport-legacy',
        file: MANIFEST_FILE,
        path: `/transports/${i}`,
        message:
          'written in the format before transport descriptors: "sign" is now "auth" ({"scheme": "hmac", "over": "data", ...}), "batch": true is {"item": "array"} (false: leave it out), and "request" and "reply" state the shapes and field names (generator/README.md shows both forms)',
      },
    ];
  });
}

/** Unknown keywords are typos until proven otherwise; annotations must say so with `x-`. */
function checkKeywords(file: string, schema: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const { schema: node, at } of walkSchema(schema)) {
    const where = at.map((s) => `/${String(s)}`).join('');
    for (const key of Object.keys(node)) {
      if (!DRAFT07_KEYWORDS.has(key) && !key.startsWith('x-')) {
        problems.push({
          code: 'keyword-unknown',
          file,
          path: where,
          message: `unknown keyword "${key}" (annotations must start with "x-")`,
        });
      }
    }
    const typed = node[TYPED_VIEW_KEYWORD];
    if (typed !== undefined && (typed === null || typeof typed !== 'object' || Array.isArray(typed))) {
      problems.push({
        code: 'typed-view-invalid',
        file,
        path: `${where}/${TYPED_VIEW_KEYWORD}`,
        message: `"${TYPED_VIEW_KEYWORD}" must be an object (a JSON merge patch)`,
      });
    }
    const since = node[SINCE_KEYWORD];
    if (since !== undefined && (typeof since !== 'string' || !/^\d+\.\d+\.\d+$/.test(since))) {
      problems.push({
        code: 'since-invalid',
        file,
        path: `${where}/${SINCE_KEYWORD}`,
        message: `"${SINCE_KEYWORD}" must be a version like "1.2.3"`,
      });
    }
  }
  return problems;
}

/** Every `$ref` must reach a loaded file, as a whole file (types live one per file). */
function checkRefs(set: SchemaSet, file: string, schema: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const ref of collectRefs(schema)) {
    if (ref.file === undefined) {
      problems.push({
        code: 'ref-local',
        file,
        path: ref.at,
        message: `"${ref.ref}": refs inside a file are not supported; give the type its own file`,
      });
      continue;
    }
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref.file));
    const json = set.files.get(target);
    if (json === undefined) {
      problems.push({
        code: 'ref-unresolved',
        file,
        path: ref.at,
        message: `"${ref.ref}" does not resolve: no file ${target}`,
      });
    } else if (ref.fragment !== '' && resolvePointer(json, ref.fragment) === undefined) {
      problems.push({
        code: 'ref-unresolved',
        file,
        path: ref.at,
        message: `"${ref.ref}" does not resolve: nothing at #${ref.fragment} in ${target}`,
      });
    } else if (ref.fragment !== '') {
      problems.push({
        code: 'ref-fragment',
        file,
        path: ref.at,
        message: `"${ref.ref}": refs must point at a whole file`,
      });
    }
  }
  return problems;
}

/** Method names, type names and error ids are unique, and type names are usable identifiers. */
function checkNames(set: SchemaSet, manifest: Manifest): Problem[] {
  const problems: Problem[] = [];
  const typeNames = new Map<string, string>();
  const fileOwner = new Map<string, string>();
  const claim = (name: string, file: string, at: string) => {
    const other = fileOwner.get(file);
    if (other !== undefined && other !== name) {
      problems.push({
        code: 'file-shared',
        file,
        path: at,
        message: `the file would name two types, "${other}" and "${name}"; give each its own file (one may $ref the other)`,
      });
    }
    fileOwner.set(file, name);
    const owner = typeNames.get(name);
    if (owner !== undefined && owner !== file) {
      problems.push({
        code: 'name-duplicate',
        file,
        path: at,
        message: `type name "${name}" is also used by ${owner}`,
      });
    } else typeNames.set(name, file);
  };
  manifest.methods.forEach((method, i) => {
    const first = manifest.methods.findIndex((m) => m.name === method.name);
    if (first !== i) {
      problems.push({
        code: 'name-duplicate',
        file: MANIFEST_FILE,
        path: `/methods/${i}/name`,
        message: `method "${method.name}" is already defined at /methods/${first}`,
      });
    }
    claim(`${methodTypeName(method.name)}Params`, method.params, '');
    claim(`${methodTypeName(method.name)}Result`, method.result, '');
  });
  for (const file of [...(manifest.types ?? []), manifest.envelopes.command, manifest.envelopes.reply]) {
    const title = (set.files.get(file) as { title?: unknown } | undefined)?.title;
    if (typeof title !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(title)) {
      if (set.files.has(file))
        problems.push({
          code: 'title-missing',
          file,
          path: '',
          message: 'a shared type needs a PascalCase "title" (its type name)',
        });
    } else claim(title, file, '/title');
  }
  for (const [file, schema] of set.files) {
    for (const { schema: node, at } of walkSchema(schema)) {
      if (at.length > 0 && typeof node['title'] === 'string') {
        problems.push({
          code: 'title-nested',
          file,
          path: at.map((s) => `/${String(s)}`).join(''),
          message: 'only a file\'s root may have a "title": nested titles make extra named types',
        });
      }
    }
  }
  const catalogue = set.files.get(manifest.errors) as { errors?: { id?: unknown }[] } | undefined;
  const ids = new Set<unknown>();
  catalogue?.errors?.forEach((e, i) => {
    if (ids.has(e.id))
      problems.push({
        code: 'name-duplicate',
        file: manifest.errors,
        path: `/errors/${i}/id`,
        message: `error id "${String(e.id)}" is defined twice`,
      });
    ids.add(e.id);
  });
  return problems;
}

/** Names the manifest uses point at things that exist. */
function checkCrossReferences(set: SchemaSet, manifest: Manifest): Problem[] {
  const problems: Problem[] = [];
  const catalogue = set.files.get(manifest.errors) as { errors?: { id?: unknown }[] } | undefined;
  const errorIds = new Set(catalogue?.errors?.map((e) => e.id) ?? []);
  const methodNames = new Set(manifest.methods.map((m) => m.name));
  manifest.methods.forEach((method, i) => {
    (method.errors ?? []).forEach((id, j) => {
      if (catalogue !== undefined && !errorIds.has(id)) {
        problems.push({
          code: 'error-unknown',
          file: MANIFEST_FILE,
          path: `/methods/${i}/errors/${j}`,
          message: `error "${id}" is not in ${manifest.errors}`,
        });
      }
    });
  });
  manifest.transports.forEach((transport, i) => {
    (transport.methods ?? []).forEach((name, j) => {
      if (!methodNames.has(name)) {
        problems.push({
          code: 'method-unknown',
          file: MANIFEST_FILE,
          path: `/transports/${i}/methods/${j}`,
          message: `transport "${transport.id}" names unknown method "${name}"`,
        });
      }
    });
  });
  return problems;
}
