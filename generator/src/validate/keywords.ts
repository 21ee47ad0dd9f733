/** The draft-07 vocabulary. Anything else in a schema file must be an `x-` annotation. */
export const DRAFT07_KEYWORDS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  '$ref',
  '$comment',
  'title',
  'description',
  'default',
  'readOnly',
  'writeOnly',
  'examples',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'additionalItems',
  'items',
  'maxItems',
  'minItems',
  'uniqueItems',
  'contains',
  'maxProperties',
  'minProperties',
  'required',
  'additionalProperties',
  'definitions',
  'properties',
  'patternProperties',
  'dependencies',
  'propertyNames',
  'const',
  'enum',
  'type',
  'format',
  'contentMediaType',
  'contentEncoding',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);

/** Keywords whose value is a map of name to subschema. */
export const SCHEMA_MAP_KEYWORDS: ReadonlySet<string> = new Set([
  'properties',
  'patternProperties',
  'definitions',
  'dependencies',
]);
/** Keywords whose value is a subschema or an array of subschemas. */
export const SUBSCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'not',
  'allOf',
  'anyOf',
  'oneOf',
]);

/** The annotation that carries the typed view (a JSON merge patch). */
export const TYPED_VIEW_KEYWORD = 'x-typed';
/** The annotation naming the server version a property appeared in. */
export const SINCE_KEYWORD = 'x-since';
/**
 * The annotation marking the params property that carries an idempotency key: a write the server
 * de-duplicates by that key, so a client may retry it after a failure that leaves it unknown
 * whether it ran. `true` on one top-level string property of a method's params.
 */
export const IDEMPOTENCY_KEY_KEYWORD = 'x-idempotency-key';
