/**
 * The transport descriptor (the manifest's `transports[]`, checked and with its defaults filled
 * in by the generator, copied into each protocol table and client glue) as this runtime reads it,
 * and the choice of codec by its shapes. The generator only validates and copies it; what it
 * means is decided here.
 */
import { CentUsageError } from './errors.js';

export interface HttpPart {
  readonly method: string;
  /** The path, or a template with `{method}`, e.g. `/api/{method}`. */
  readonly path: string;
  readonly body: 'json' | 'form';
  readonly contentType?: string;
  readonly dataField?: string;
}

export type RequestShape = { readonly shape: 'commands'; readonly envelope?: string } | { readonly shape: 'params' };

export type ReplyShape =
  | { readonly shape: 'commands'; readonly envelope?: string }
  | { readonly shape: 'envelope'; readonly envelope?: string; readonly result: string; readonly error: string };

export interface ApiKeyAuth {
  readonly scheme: 'api-key';
  /** The header the key is sent in. */
  readonly header: string;
  /** Put before the key in the header (e.g. `apikey ` for `Authorization`). */
  readonly prefix?: string;
  /** Other places the server reads the key from (the client uses `header`). */
  readonly alternatives?: readonly (
    | { readonly in: 'header'; readonly header: string; readonly prefix?: string }
    | { readonly in: 'query'; readonly query: string }
  )[];
  /** The server can be set to need no key. */
  readonly optional?: boolean;
}

export interface HmacAuth {
  readonly scheme: 'hmac';
  readonly algorithm: string;
  readonly encoding: string;
  readonly over?: string;
  readonly field?: string;
  readonly header?: string;
  readonly optional?: boolean;
}

export interface ErrorPart {
  readonly type?: string;
  /** Field names of the error object. */
  readonly code: string;
  readonly message: string;
  /** The header (and value) asking the server to report a failed method in the HTTP status. */
  readonly transportMode?: { readonly header: string; readonly value: string };
}

/** The protocol's own batch method: `{<commands>: [{<method>: params}], ...options}` → `{<replies>: [...]}`. */
export interface KeyedBatchPart {
  readonly method: string;
  readonly commands: string;
  readonly item: 'keyed';
  readonly replies: string;
  /** Batch options the caller may pass to `send()` (e.g. `parallel`). */
  readonly options?: readonly string[];
  /** `bare`: the batch method answers its result as the whole body; `envelope` (default): like any method. */
  readonly reply?: 'envelope' | 'bare';
}

export interface HttpTransportDescriptor {
  readonly id: string;
  readonly kind: 'http';
  readonly isDefault?: boolean;
  readonly description?: string;
  readonly http: HttpPart;
  readonly request: RequestShape;
  readonly reply: ReplyShape;
  readonly auth?: ApiKeyAuth | HmacAuth;
  readonly error?: ErrorPart;
  readonly batch?: KeyedBatchPart | { readonly item: 'array' };
  readonly methods?: readonly string[];
}

/** Codec names describe shapes, not protocols. */
export type CodecName = 'commands' | 'params-envelope';

/** The codec for `descriptor`'s request and reply shapes; a `CentUsageError` for any other pair. */
export function codecFor(descriptor: HttpTransportDescriptor): CodecName {
  const id = String(descriptor.id);
  if (descriptor.kind !== 'http')
    throw new CentUsageError(`transport ${id}: kind ${String(descriptor.kind)} is not an HTTP transport`);
  const request = descriptor.request?.shape;
  const reply = descriptor.reply?.shape;
  if (request === 'commands' && reply === 'commands') return 'commands';
  if (request === 'params' && reply === 'envelope') return 'params-envelope';
  throw new CentUsageError(
    `transport ${id}: request shape ${String(request)} with reply shape ${String(reply)} has no codec in this runtime`,
  );
}
