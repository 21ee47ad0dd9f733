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
  readonly sign?: {
    readonly algorithm: 'hmac-sha256';
    readonly encoding: 'hex-lower';
    readonly field?: string;
    readonly header?: string;
    readonly optional?: boolean;
  };
  readonly batch?: boolean;
  readonly methods?: readonly string[];
}

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
