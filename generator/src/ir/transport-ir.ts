/**
 * A transport as the IR carries it: the manifest's descriptor, checked, with defaults filled in
 * and schema files replaced by type names. Protocol-neutral: it says how commands travel (HTTP
 * or a queue), what a request and a reply hold, how auth is sent, what an error object looks
 * like and how commands are batched; the runtime interprets it, the generator only carries it.
 */
export interface TransportIR {
  readonly id: string;
  readonly kind: 'http' | 'queue';
  readonly description: string;
  readonly isDefault: boolean;
  readonly http: HttpBindingIR | undefined;
  readonly queue: QueueBindingIR | undefined;
  readonly request: RequestIR;
  readonly reply: ReplyIR;
  readonly auth: AuthIR | undefined;
  readonly error: ErrorObjectIR | undefined;
  readonly batch: BatchIR | undefined;
  /** Methods it carries (all methods when the manifest lists none). */
  readonly methods: readonly string[];
}

export interface HttpBindingIR {
  readonly method: string;
  /** The request path; `{method}` stands for the method name. */
  readonly path: string;
  readonly body: 'form' | 'json';
  readonly contentType: string | undefined;
  readonly dataField: string | undefined;
}

export interface QueueBindingIR {
  readonly system: string;
  readonly keys: readonly string[];
  /** Pattern of sharded keys; `{shard}` is the shard number. */
  readonly shardKey: string | undefined;
  readonly push: string;
  readonly itemsPerCommand: number;
}

/** commands: objects naming method and params (the named envelope); params: the params object alone. */
export type RequestIR =
  | {
      readonly shape: 'commands';
      readonly envelope: string | undefined;
      readonly method: string;
      readonly params: string;
    }
  | { readonly shape: 'params' };

/** commands: one reply per command; envelope: the result or the error in one object; none: no reply. */
export type ReplyIR =
  | {
      readonly shape: 'commands';
      readonly envelope: string | undefined;
      readonly method: string | undefined;
      readonly result: string;
      readonly error: string;
    }
  | {
      readonly shape: 'envelope';
      readonly envelope: string | undefined;
      readonly result: string;
      readonly error: string;
    }
  | { readonly shape: 'none' };

export type AuthIR =
  | {
      readonly scheme: 'hmac';
      readonly algorithm: 'hmac-sha256';
      readonly encoding: 'hex-lower';
      /** What is signed: the encoded commands. */
      readonly over: 'data';
      readonly field: string | undefined;
      readonly header: string | undefined;
      readonly optional: boolean;
    }
  | {
      readonly scheme: 'api-key';
      readonly header: string;
      readonly prefix: string | undefined;
      readonly alternatives: readonly KeyPlaceIR[];
      readonly optional: boolean;
    };

export type KeyPlaceIR =
  | { readonly in: 'header'; readonly header: string; readonly prefix: string | undefined }
  | { readonly in: 'query'; readonly query: string };

export interface ErrorObjectIR {
  /** The shared type describing it. */
  readonly type: string;
  readonly code: string | undefined;
  readonly message: string;
  readonly transportMode: { readonly header: string; readonly value: string } | undefined;
}

/** array: an array of commands per request; keyed: the protocol's batch method with commands keyed by method name. */
export type BatchIR =
  | { readonly item: 'array' }
  | {
      readonly item: 'keyed';
      readonly method: string;
      readonly commands: string;
      readonly replies: string;
      readonly options: readonly string[];
      /** envelope: answered like any method; bare: its result object is the whole body. */
      readonly reply: 'envelope' | 'bare';
    };
