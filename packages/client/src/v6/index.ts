// Public surface of @centkit/client/v6: the typed client of the Centrifugo v6 server API (generated
// from schema/centrifugo-v6 over the `params`/`envelope` runtime) and that runtime. It loads none
// of the 1.x code, and `@centkit/client` none of this. Connection and subscription tokens are in
// `@centkit/client/v6/tokens` (it loads `jose`).

// ---- generated surface: src/v6/gen/client.gen.ts, written by the generator's client emitter ----
export { Batch, CentApiError, Client } from './gen/client.gen.js';
export type { BatchEntry, BatchOptions } from './gen/client.gen.js';
// -------------------------------------------------------------------------------------------------

// The protocol's params, result and shared types (`PublishParams`, `HistoryResult`, `Publication`...),
// `MethodTypes` and `ErrorCode`, the union of the numbered error codes.
export type * from '@centkit/validators/v6';

export { EnvelopeClientCore } from '../runtime/envelope-client-core.js';
export type {
  EnvelopeClientOptions,
  EnvelopeClientOptions as ClientOptions,
  ProtocolBinding,
} from '../runtime/envelope-client-core.js';
export { BatchCore } from '../runtime/batch-core.js';
export type { Append, OpenEntries } from '../runtime/batch-core.js';
export type { KeyedBatchEntry } from '../runtime/envelope/reply.js';
export type {
  BatchRunner,
  CallOptions,
  Command,
  MethodInfo,
  MethodTable,
  MethodTypeMap,
  RetryOptions,
} from '../runtime/types.js';
export type { HttpClientOptions } from '../runtime/options.js';
export { DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_REPLY_BYTES, DEFAULT_RETRY, DEFAULT_TIMEOUT } from '../runtime/options.js';
export type {
  ParamsValidator,
  ReplyValidator,
  SchemaValidate,
  ValidationOutcome,
  ValidatorSource,
} from '../runtime/reply-validator.js';
export type { HttpTransportDescriptor } from '../runtime/transport-descriptor.js';
// The runtime's class behind `CentApiError`, generic in its codes (for glue generated from other
// protocols), and its typed form.
export { CentApiError as CentApiErrorBase, CentAuthError } from '../runtime/envelope/errors.js';
export type { CentApiErrorClass } from '../runtime/envelope/errors.js';
export {
  CentAbortError,
  CentContractError,
  CentEncodeError,
  CentError,
  CentHttpError,
  CentMalformedReplyError,
  CentParamsError,
  CentReplyTooLargeError,
  CentRequestError,
  CentTimeoutError,
  CentTransportError,
  CentUsageError,
} from '../runtime/errors.js';
export type { CentErrorCode, ContractIssue, MalformedReason, RequestContext } from '../runtime/errors.js';
