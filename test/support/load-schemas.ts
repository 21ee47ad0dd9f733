/**
 * Loads a protocol definition directory (`schema/<name>/`) straight from its files into ajv 8,
 * the way the fidelity test needs it: every schema file the manifest names or `$ref`s gets an
 * `$id` under one base URI, so the relative `$ref`s between files resolve as they do on disk.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { mergePatch } from './merge-patch.js';

export interface ManifestMethod {
  readonly name: string;
  readonly since: string;
  readonly effect: 'read' | 'write';
  readonly description: string;
  readonly params: string;
  readonly result: string;
  readonly errors?: readonly string[];
}

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly envelopes: { readonly command: string; readonly reply: string };
  readonly types?: readonly string[];
  readonly errors: string;
  readonly methods: readonly ManifestMethod[];
}

export interface CatalogueError {
  readonly id: string;
  readonly kind: 'soft' | 'hard' | 'unused';
  readonly message?: string;
  readonly status?: number;
  readonly body?: string;
  readonly advice?: string;
  readonly adviceMethods?: readonly string[];
  readonly description: string;
  readonly causes?: readonly string[];
}

export type Schema = Record<string, unknown>;

export interface LoadedProtocol {
  readonly dir: string;
  readonly manifest: Manifest;
  /** The error catalogue, parsed (it is data, not a schema). */
  readonly catalogue: { readonly description?: string; readonly errors: readonly CatalogueError[] };
  /** Every schema file, by path relative to `dir`, in load order. */
  readonly files: ReadonlyMap<string, Schema>;
  readonly ajv: Ajv;
  /** Files that are not valid draft-07 schemas (checked against the draft-07 meta-schema). */
  readonly metaSchemaProblems: readonly { readonly file: string; readonly errors: readonly ErrorObject[] }[];
  /** Files ajv could not add or compile (e.g. an unresolvable `$ref`). */
  readonly compileProblems: readonly { readonly file: string; readonly message: string }[];
  /** The `$id` a file was registered under. */
  idOf(file: string): string;
  /** Wire-view validator of a file. */
  validator(file: string): ValidateFunction;
  readonly command: ValidateFunction;
  readonly reply: ValidateFunction;
  /** Wire-view validators by method name. */
  readonly params: ReadonlyMap<string, ValidateFunction>;
  readonly results: ReadonlyMap<string, ValidateFunction>;
  /** A file's typed view: the schema with its root `x-typed` merge patch applied. */
  typedSchema(file: string): Schema;
  typedValidator(file: string): ValidateFunction;
}

const BASE = 'https://centkit.dev/schema/';
/** Keywords whose values are data, not subschemas. */
const DATA_KEYWORDS = new Set(['examples', 'default', 'const', 'enum']);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

/** Relative file parts of every `$ref` in a schema. */
function refFiles(schema: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const file = v.split('#')[0] as string;
        if (file !== '') out.push(file);
      } else if (!DATA_KEYWORDS.has(k)) walk(v);
    }
  };
  walk(schema);
  return out;
}

/** Every `x-` key used in schema positions. */
function extensionKeywords(schema: unknown, into: Set<string>): void {
  if (schema === null || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach((s) => extensionKeywords(s, into));
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-')) into.add(k);
    else if (!DATA_KEYWORDS.has(k)) extensionKeywords(v, into);
  }
}

export function loadProtocol(dir: string): LoadedProtocol {
  const manifest = readJson(path.join(dir, 'protocol.json')) as Manifest;
  const catalogue = readJson(path.join(dir, manifest.errors)) as LoadedProtocol['catalogue'];

  const named = [
    manifest.envelopes.command,
    manifest.envelopes.reply,
    ...(manifest.types ?? []),
    ...manifest.methods.flatMap((m) => [m.params, m.result]),
  ].map((f) => path.posix.normalize(f));
  const files = new Map<string, Schema>();
  const queue = [...new Set(named)];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (files.has(file)) continue;
    const schema = readJson(path.join(dir, file)) as Schema;
    files.set(file, schema);
    for (const ref of refFiles(schema)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref));
      if (!files.has(target) && !queue.includes(target)) queue.push(target);
    }
  }

  // strict mode stays on (unknown keywords are errors), with the x- annotations registered;
  // union types (["string", "null"]) are how the wire view says "the server also takes null".
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true });
  const xKeywords = new Set<string>();
  for (const schema of files.values()) extensionKeywords(schema, xKeywords);
  for (const k of xKeywords) ajv.addKeyword({ keyword: k });

  const base = `${BASE}${manifest.name}/`;
  const idOf = (file: string) => new URL(path.posix.normalize(file), base).href;
  const metaSchemaProblems: { file: string; errors: ErrorObject[] }[] = [];
  const compileProblems: { file: string; message: string }[] = [];
  for (const [file, schema] of files) {
    if (!ajv.validateSchema(schema)) metaSchemaProblems.push({ file, errors: [...(ajv.errors ?? [])] });
    try {
      ajv.addSchema(schema, idOf(file));
    } catch (error) {
      compileProblems.push({ file, message: (error as Error).message });
    }
  }
  const validators = new Map<string, ValidateFunction>();
  for (const file of files.keys()) {
    try {
      const v = ajv.getSchema(idOf(file));
      if (v === undefined) throw new Error('not registered');
      validators.set(file, v);
    } catch (error) {
      compileProblems.push({ file, message: (error as Error).message });
    }
  }
  const validator = (file: string): ValidateFunction => {
    const v = validators.get(path.posix.normalize(file));
    if (v === undefined) throw new Error(`no compiled schema for ${file}`);
    return v;
  };

  const typedCache = new Map<string, ValidateFunction>();
  const typedSchema = (file: string): Schema => {
    const schema = files.get(path.posix.normalize(file));
    if (schema === undefined) throw new Error(`unknown schema file ${file}`);
    const { ['x-typed']: patch, ...rest } = schema;
    return (patch === undefined ? rest : mergePatch(rest, patch)) as Schema;
  };
  const typedValidator = (file: string): ValidateFunction => {
    const key = path.posix.normalize(file);
    let v = typedCache.get(key);
    if (v === undefined) {
      // registered next to the wire file, so its relative $refs resolve the same way
      v = ajv.compile({ ...typedSchema(key), $id: idOf(key.replace(/\.json$/, '.typed.json')) });
      typedCache.set(key, v);
    }
    return v;
  };

  return {
    dir,
    manifest,
    catalogue,
    files,
    ajv,
    metaSchemaProblems,
    compileProblems,
    idOf,
    validator,
    command: validator(manifest.envelopes.command),
    reply: validator(manifest.envelopes.reply),
    params: new Map(manifest.methods.map((m) => [m.name, validator(m.params)])),
    results: new Map(manifest.methods.map((m) => [m.name, validator(m.result)])),
    typedSchema,
    typedValidator,
  };
}

/** ajv errors as short lines: `<instancePath> <message> (<schemaPath>)`. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` '${String(e.params['additionalProperty'])}'` : ''} (${e.schemaPath})`)
    .join('; ');
}
