import type { SchemaSet } from '../load/load-schema-set.js';
import type { ErrorCatalogueEntry, Manifest } from '../load/manifest.js';
import { IDEMPOTENCY_KEY_KEYWORD, SINCE_KEYWORD } from '../validate/keywords.js';
import { methodMemberName, methodTypeName } from './names.js';
import { toTransportIR } from './build-transport.js';
import type { ErrorIR, FieldIR, JsonSchema, MethodIR, NamedSchema, ProtocolIR } from './types.js';
import { typedView, wireView } from './views.js';

/**
 * Builds the IR from a schema set that `validateSchemaSet` accepted. Pure: the set is read,
 * never changed, and the same set always gives an equal IR.
 */
export function buildIR(set: SchemaSet): ProtocolIR {
  const manifest = set.manifest as Manifest;
  const names = new Map<string, string>();
  for (const m of manifest.methods) {
    names.set(m.params, `${methodTypeName(m.name)}Params`);
    names.set(m.result, `${methodTypeName(m.name)}Result`);
  }
  for (const file of [...(manifest.types ?? []), manifest.envelopes.command, manifest.envelopes.reply]) {
    names.set(file, (set.files.get(file) as { title: string }).title);
  }
  const nameOf = (file: string): string => names.get(file) ?? file;
  const named = (file: string): NamedSchema => {
    const schema = set.files.get(file) as Record<string, unknown>;
    return {
      name: nameOf(file),
      file,
      description: typeof schema['description'] === 'string' ? schema['description'] : undefined,
      wire: wireView(schema, file, nameOf),
      typed: typedView(schema, file, nameOf),
      examples: Array.isArray(schema['examples']) ? structuredClone(schema['examples']) : [],
    };
  };

  const catalogue = ((set.files.get(manifest.errors) as { errors: ErrorCatalogueEntry[] }).errors ?? []).map(toErrorIR);
  const errorById = new Map(catalogue.map((e) => [e.id, e]));
  const transports = manifest.transports.map((t) => toTransportIR(t, manifest, nameOf));

  const methods: MethodIR[] = manifest.methods.map((m) => {
    const params = named(m.params);
    return {
      name: m.name,
      typeName: methodTypeName(m.name),
      memberName: methodMemberName(m.name),
      since: m.since,
      effect: m.effect,
      description: m.description,
      params,
      result: named(m.result),
      idempotencyKey: idempotencyKeyOf(params),
      fields: fieldsOf(params),
      errors: (m.errors ?? []).map((id) => errorById.get(id)).filter((e): e is ErrorIR => e !== undefined),
      transports: transports.filter((t) => t.methods.includes(m.name)).map((t) => t.id),
    };
  });
  const types = (manifest.types ?? []).map(named);
  const envelopes = { command: named(manifest.envelopes.command), reply: named(manifest.envelopes.reply) };
  return {
    name: manifest.name,
    title: manifest.title,
    version: manifest.version,
    description: manifest.description,
    source: set.source,
    methods,
    types,
    envelopes,
    errors: catalogue,
    transports,
    schemas: [...methods.flatMap((m) => [m.params, m.result]), ...types, envelopes.command, envelopes.reply],
  };
}

function fieldsOf(params: NamedSchema): FieldIR[] {
  const properties = (params.typed['properties'] ?? {}) as Record<string, JsonSchema>;
  const wireProperties = (params.wire['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((params.typed['required'] ?? []) as string[]);
  const wireRequired = new Set((params.wire['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    required: required.has(name),
    requiredOnWire: wireRequired.has(name),
    types: jsonTypes(schema),
    description: typeof schema['description'] === 'string' ? schema['description'] : undefined,
    since: (wireProperties[name]?.[SINCE_KEYWORD] ?? schema[SINCE_KEYWORD]) as string | undefined,
    examples: Array.isArray(schema['examples']) ? schema['examples'] : [],
  }));
}

/** The params property marked as the idempotency key (validation allows at most one). */
function idempotencyKeyOf(params: NamedSchema): string | undefined {
  const properties = (params.wire['properties'] ?? {}) as Record<string, JsonSchema>;
  return Object.keys(properties).find((name) => properties[name]?.[IDEMPOTENCY_KEY_KEYWORD] === true);
}

/** The JSON types a schema allows, for humans: `["string"]`, `["array"]`, `["Message"]`, `["any"]`. */
export function jsonTypes(schema: JsonSchema): string[] {
  const ref = schema['$ref'];
  if (typeof ref === 'string') return [ref.slice(ref.lastIndexOf('/') + 1)];
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.map(String);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) return [...new Set(branches.flatMap((b) => jsonTypes(b as JsonSchema)))];
  }
  return ['any'];
}

function toErrorIR(e: ErrorCatalogueEntry): ErrorIR {
  return {
    id: e.id,
    kind: e.kind,
    message: e.message,
    code: e.code,
    status: e.status,
    transportStatus: e.transportStatus,
    body: e.body,
    advice: e.advice,
    adviceMethods: e.adviceMethods ?? [],
    since: e.since,
    description: e.description,
    causes: e.causes ?? [],
  };
}
