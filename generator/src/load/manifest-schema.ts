import { transportSchema } from './transport-schema.js';

/**
 * The meta-schema of a protocol manifest (`protocol.json`). It is protocol-neutral: it names
 * methods, the schema files that describe them, transports and errors, and nothing else.
 */
export const manifestSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://centkit.dev/meta/protocol-manifest.schema.json',
  title: 'centkit protocol manifest',
  type: 'object',
  required: ['name', 'title', 'version', 'description', 'envelopes', 'transports', 'errors', 'methods'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: '^[a-z][a-z0-9.-]*$', description: 'Machine name, e.g. "centrifugo-v1".' },
    title: { type: 'string', minLength: 1 },
    version: {
      type: 'string',
      pattern: '^\\d+\\.\\d+\\.\\d+$',
      description: 'Server version the definition describes.',
    },
    description: { type: 'string' },
    envelopes: {
      type: 'object',
      required: ['command', 'reply'],
      additionalProperties: false,
      properties: {
        command: { $ref: '#/definitions/schemaFile', description: 'One command: method name, params, optional id.' },
        reply: { $ref: '#/definitions/schemaFile', description: 'One reply: method name, error, body.' },
      },
    },
    types: {
      type: 'array',
      description: 'Schema files of shared named types (each with a `title`).',
      items: { $ref: '#/definitions/schemaFile' },
      uniqueItems: true,
    },
    errors: {
      $ref: '#/definitions/schemaFile',
      description: 'The error catalogue (a JSON data file, see errorCatalogue).',
    },
    transports: { type: 'array', minItems: 1, items: { $ref: '#/definitions/transport' } },
    methods: { type: 'array', minItems: 1, items: { $ref: '#/definitions/method' } },
  },
  definitions: {
    schemaFile: { type: 'string', pattern: '^[A-Za-z0-9_./-]+\\.json$' },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    method: {
      type: 'object',
      required: ['name', 'since', 'description', 'params', 'result', 'effect'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]*$' },
        since: { $ref: '#/definitions/version' },
        description: { type: 'string', minLength: 1 },
        params: { $ref: '#/definitions/schemaFile' },
        result: { $ref: '#/definitions/schemaFile' },
        effect: {
          enum: ['read', 'write'],
          description: '"read" methods change nothing on the server, so a client may retry them.',
        },
        errors: {
          type: 'array',
          items: { type: 'string' },
          uniqueItems: true,
          description: 'Ids from the error catalogue.',
        },
      },
    },
    transport: transportSchema,
  },
} as const;

/** The error catalogue file (`errors` in the manifest). */
export const errorCatalogueSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://centkit.dev/meta/error-catalogue.schema.json',
  type: 'object',
  required: ['errors'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    description: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'kind', 'description'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
          kind: {
            enum: ['soft', 'hard', 'unused'],
            description:
              'soft: in one reply, the request still succeeds; hard: the whole request fails with an HTTP status; unused: defined by the server but never sent by this API.',
          },
          message: { type: 'string', description: 'The exact error string (soft and unused errors).' },
          code: {
            type: 'integer',
            minimum: 0,
            description: 'The numbered error code the server sends with the message, where it numbers its errors.',
          },
          status: { type: 'integer', description: 'HTTP status (hard errors).' },
          transportStatus: {
            type: 'integer',
            minimum: 100,
            maximum: 599,
            description:
              'HTTP status the error takes when the server reports errors in the HTTP status instead of the reply body (a transport error mode).',
          },
          body: { type: 'string', description: 'Exact response body (hard errors).' },
          advice: { type: 'string', description: 'The advice sent with it, where the server sends one.' },
          adviceMethods: {
            type: 'array',
            items: { type: 'string' },
            description: 'Methods whose reply carries the advice.',
          },
          since: { type: 'string' },
          description: { type: 'string' },
          causes: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;
