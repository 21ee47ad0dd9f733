/** The manifest's shape once `manifestSchema` has accepted it. */
export interface Manifest {
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly description: string;
  readonly envelopes: { readonly command: string; readonly reply: string };
  readonly types?: readonly string[];
  readonly errors: string;
  readonly transports: readonly ManifestTransport[];
  readonly methods: readonly ManifestMethod[];
}

export interface ManifestMethod {
  readonly name: string;
  readonly since: string;
  readonly effect: 'read' | 'write';
  readonly description: string;
  readonly params: string;
  readonly result: string;
  readonly errors?: readonly string[];
}

/** A transport descriptor as `transport-schema.ts` accepts it. */
export interface ManifestTransport {
  readonly id: string;
  readonly kind: 'http' | 'queue';
  readonly description: string;
  readonly default?: boolean;
  readonly http?: {
    readonly method: string;
    readonly path: string;
    readonly body: 'form' | 'json';
    readonly contentType?: string;
    readonly dataField?: string;
  };
  readonly queue?: {
    readonly system: string;
    readonly keys: readonly string[];
    readonly shardKey?: string;
    readonly push: string;
    readonly itemsPerCommand?: number;
  };
  readonly request: {
    readonly shape: 'commands' | 'params';
    readonly envelope?: 'command';
    readonly method?: string;
    readonly params?: string;
  };
  readonly reply: {
    readonly shape: 'commands' | 'envelope' | 'none';
    readonly envelope?: 'reply';
    readonly method?: string;
    readonly result?: string;
    readonly error?: string;
  };
  readonly auth?:
    | {
        readonly scheme: 'hmac';
        readonly algorithm: 'hmac-sha256';
        readonly encoding: 'hex-lower';
        readonly over: 'data';
        readonly field?: string;
        readonly header?: string;
        readonly optional?: boolean;
      }
    | {
        readonly scheme: 'api-key';
        readonly header: string;
        readonly prefix?: string;
        readonly alternatives?: readonly ManifestKeyPlace[];
        readonly optional?: boolean;
      };
  readonly error?: {
    readonly type: string;
    readonly code?: string;
    readonly message: string;
    readonly transportMode?: { readonly header: string; readonly value: string };
  };
  readonly batch?:
    | { readonly item: 'array' }
    | {
        readonly item: 'keyed';
        readonly method: string;
        readonly commands: string;
        readonly replies: string;
        readonly options?: readonly string[];
        readonly reply?: 'envelope' | 'bare';
      };
  readonly methods?: readonly string[];
}

export type ManifestKeyPlace = { readonly header: string; readonly prefix?: string } | { readonly query: string };

export interface ErrorCatalogueEntry {
  readonly id: string;
  readonly kind: 'soft' | 'hard' | 'unused';
  readonly message?: string;
  readonly code?: number;
  readonly status?: number;
  readonly transportStatus?: number;
  readonly body?: string;
  readonly advice?: string;
  readonly adviceMethods?: readonly string[];
  readonly since?: string;
  readonly description: string;
  readonly causes?: readonly string[];
}
