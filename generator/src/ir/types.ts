/**
 * The intermediate representation every emitter reads. It is built from a schema directory
 * and knows nothing about any particular protocol: methods, named types, errors, transports.
 */

import type { TransportIR } from './transport-ir.js';

export type * from './transport-ir.js';

/** A JSON Schema object (draft-07) after bundling: cross-file refs read `#/definitions/<Name>`. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface ProtocolIR {
  /** Machine name, e.g. `centrifugo-v1`. */
  readonly name: string;
  readonly title: string;
  /** Version of the server the definition describes. */
  readonly version: string;
  readonly description: string;
  /** The schema directory as named in generated headers, e.g. `schema/centrifugo-v1`. */
  readonly source: string;
  readonly methods: readonly MethodIR[];
  /** Shared named types (not method params/results, not envelopes). */
  readonly types: readonly NamedSchema[];
  readonly envelopes: { readonly command: NamedSchema; readonly reply: NamedSchema };
  readonly errors: readonly ErrorIR[];
  readonly transports: readonly TransportIR[];
  /** Every named schema (methods' params and results, shared types, envelopes), by name, in a stable order. */
  readonly schemas: readonly NamedSchema[];
}

/** One schema file as a named type, in both views. */
export interface NamedSchema {
  /** Type name, e.g. `PublishParams`, `Message`. */
  readonly name: string;
  /** Source file, relative to the schema directory. */
  readonly file: string;
  readonly description: string | undefined;
  /** What the server accepts or sends (refs rewritten to `#/definitions/<Name>`). */
  readonly wire: JsonSchema;
  /** The typed view: `wire` with every `x-typed` merge patch applied (and removed). */
  readonly typed: JsonSchema;
  readonly examples: readonly unknown[];
}

export interface MethodIR {
  /** Name on the wire, e.g. `publish`. */
  readonly name: string;
  /** Stem of its type names, e.g. `Publish`. */
  readonly typeName: string;
  /** Name as a member in code, e.g. `publish`. */
  readonly memberName: string;
  readonly since: string;
  /** `read`: changes nothing on the server, safe to retry. */
  readonly effect: 'read' | 'write';
  readonly description: string;
  readonly params: NamedSchema;
  readonly result: NamedSchema;
  /**
   * The params field that carries an idempotency key (marked `x-idempotency-key`): the server
   * de-duplicates the write by it, so a client may retry it safely. Undefined for most methods.
   */
  readonly idempotencyKey: string | undefined;
  /** Top-level params fields, for help texts, docs and diffs. */
  readonly fields: readonly FieldIR[];
  readonly errors: readonly ErrorIR[];
  /** Ids of the transports that carry this method. */
  readonly transports: readonly string[];
}

export interface FieldIR {
  readonly name: string;
  /** The server refuses the command without it. */
  readonly requiredOnWire: boolean;
  /** A well-behaved caller sends it (typed view). */
  readonly required: boolean;
  /** JSON types the typed view allows, e.g. `["string"]`; `["any"]` for any JSON value. */
  readonly types: readonly string[];
  readonly description: string | undefined;
  readonly since: string | undefined;
  readonly examples: readonly unknown[];
}

export interface ErrorIR {
  readonly id: string;
  /** soft: in one reply, the request succeeds; hard: the whole request fails; unused: never sent. */
  readonly kind: 'soft' | 'hard' | 'unused';
  readonly message: string | undefined;
  /** The numbered code sent with the message, where the protocol numbers its errors. */
  readonly code: number | undefined;
  readonly status: number | undefined;
  /** The HTTP status in the transport's error mode (a failed method answered with a non-2xx status). */
  readonly transportStatus: number | undefined;
  readonly body: string | undefined;
  readonly advice: string | undefined;
  readonly adviceMethods: readonly string[];
  readonly since: string | undefined;
  readonly description: string;
  readonly causes: readonly string[];
}
