/**
 * The meta-schema of one transport descriptor (`transports[]` in a manifest): how a command
 * reaches the server and how its answer comes back, as data the runtime interprets. Nothing
 * here names a protocol; rules that span fields (a placeholder in a path, a batch method that
 * must exist) are checked by `validate/check-transports.ts`.
 */

const fieldName = { type: 'string', minLength: 1, description: 'A JSON property name.' } as const;
const headerName = { type: 'string', pattern: '^[A-Za-z0-9-]+$' } as const;

/** Where an API key may be sent instead of the main header. */
const apiKeyPlace = {
  type: 'object',
  additionalProperties: false,
  properties: {
    header: { ...headerName, description: 'Request header carrying the key.' },
    prefix: { type: 'string', description: 'Text before the key in the header value, e.g. "apikey ".' },
    query: { type: 'string', minLength: 1, description: 'Query parameter carrying the key.' },
  },
  oneOf: [
    { required: ['header'], not: { required: ['query'] } },
    { required: ['query'], not: { anyOf: [{ required: ['header'] }, { required: ['prefix'] }] } },
  ],
} as const;

export const transportSchema = {
  type: 'object',
  required: ['id', 'kind', 'description', 'request', 'reply'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    kind: { enum: ['http', 'queue'] },
    description: { type: 'string' },
    default: { type: 'boolean', description: 'The transport a client uses unless told otherwise (at most one).' },
    http: {
      type: 'object',
      required: ['method', 'path', 'body'],
      additionalProperties: false,
      properties: {
        method: { type: 'string', pattern: '^[A-Z]+$' },
        path: {
          type: 'string',
          pattern: '^/',
          description: 'Request path; `{method}` stands for the method name (one path per method).',
        },
        body: { enum: ['form', 'json'] },
        contentType: { type: 'string' },
        dataField: { type: 'string', description: 'Form field that carries the encoded commands.' },
      },
    },
    queue: {
      type: 'object',
      required: ['system', 'keys', 'push'],
      additionalProperties: false,
      properties: {
        system: { type: 'string' },
        keys: { type: 'array', items: { type: 'string' }, minItems: 1 },
        shardKey: { type: 'string', description: 'Pattern of sharded keys; `{shard}` is the shard number.' },
        push: { type: 'string' },
        itemsPerCommand: { type: 'integer', minimum: 1 },
      },
    },
    request: {
      type: 'object',
      required: ['shape'],
      additionalProperties: false,
      description:
        "What the request carries. commands: one command object, or (with an array batch) an array of them, each naming its method and params; params: the method's params object itself (the method is in the path).",
      properties: {
        shape: { enum: ['commands', 'params'] },
        envelope: { enum: ['command'], description: 'The manifest envelope each command matches.' },
        method: { ...fieldName, description: 'commands: the field naming the method.' },
        params: { ...fieldName, description: 'commands: the field holding the params.' },
      },
    },
    reply: {
      type: 'object',
      required: ['shape'],
      additionalProperties: false,
      description:
        'What comes back. commands: one reply per command (an array for an array request), each with the method, an error and the result; envelope: one object holding either the result or the error; none: nothing (a queue).',
      properties: {
        shape: { enum: ['commands', 'envelope', 'none'] },
        envelope: { enum: ['reply'], description: 'The manifest envelope each reply matches.' },
        method: { ...fieldName, description: 'commands: the field echoing the method.' },
        result: { ...fieldName, description: 'The field holding the result.' },
        error: { ...fieldName, description: 'The field holding the error (absent, null or empty on success).' },
      },
    },
    auth: {
      description: 'How a request proves it may call the API.',
      type: 'object',
      required: ['scheme'],
      discriminator: { propertyName: 'scheme' },
      oneOf: [
        {
          type: 'object',
          required: ['scheme', 'algorithm', 'encoding', 'over'],
          additionalProperties: false,
          properties: {
            scheme: { const: 'hmac' },
            algorithm: { enum: ['hmac-sha256'] },
            encoding: { enum: ['hex-lower'] },
            over: {
              enum: ['data'],
              description: 'What is signed: the encoded commands (the form field or the JSON body).',
            },
            field: { type: 'string', minLength: 1, description: 'Form field carrying the sign.' },
            header: { ...headerName, description: 'Header carrying the sign.' },
            optional: { type: 'boolean', description: 'The server can be set to skip the check.' },
          },
        },
        {
          type: 'object',
          required: ['scheme', 'header'],
          additionalProperties: false,
          properties: {
            scheme: { const: 'api-key' },
            header: { ...headerName, description: 'Header carrying the key.' },
            prefix: { type: 'string', description: 'Text before the key in that header.' },
            alternatives: {
              type: 'array',
              items: apiKeyPlace,
              description: 'Other places the server also reads the key from, in its order.',
            },
            optional: { type: 'boolean', description: 'The server can be set to skip the check.' },
          },
        },
      ],
    },
    error: {
      type: 'object',
      required: ['type', 'message'],
      additionalProperties: false,
      description:
        "The error object a failed method answers (in the reply's error field, or alone in transport error mode).",
      properties: {
        type: {
          type: 'string',
          pattern: '^[A-Za-z0-9_./-]+\\.json$',
          description: 'The shared type file describing it (one of `types`).',
        },
        code: { ...fieldName, description: 'Its field holding the numbered code.' },
        message: { ...fieldName, description: 'Its field holding the message.' },
        transportMode: {
          type: 'object',
          required: ['header', 'value'],
          additionalProperties: false,
          description:
            "A request carrying this header gets a failed method as a non-2xx status (each error's transportStatus) with the bare error object as the body.",
          properties: { header: headerName, value: { type: 'string', minLength: 1 } },
        },
      },
    },
    batch: {
      description:
        "Several commands in one request. array: the request is an array of commands, the reply an array of replies; keyed: the protocol's own batch method takes commands keyed by method name and answers replies keyed the same way (or the error), in order.",
      type: 'object',
      required: ['item'],
      discriminator: { propertyName: 'item' },
      oneOf: [
        { type: 'object', required: ['item'], additionalProperties: false, properties: { item: { const: 'array' } } },
        {
          type: 'object',
          required: ['item', 'method', 'commands', 'replies'],
          additionalProperties: false,
          properties: {
            item: { const: 'keyed' },
            method: { type: 'string', minLength: 1, description: 'The batch method.' },
            commands: { ...fieldName, description: 'Its params field holding the commands.' },
            replies: { ...fieldName, description: 'Its result field holding the replies.' },
            options: {
              type: 'array',
              items: fieldName,
              uniqueItems: true,
              description: 'Other params fields of the batch method a caller may set.',
            },
            reply: {
              enum: ['envelope', 'bare'],
              description:
                'envelope (default): the batch method answers like any method; bare: its result object is the whole body.',
            },
          },
        },
      ],
    },
    methods: {
      type: 'array',
      items: { type: 'string' },
      description: 'Methods this transport carries (all when absent).',
    },
  },
} as const;
