// Public surface of @centkit/client/v6: the client runtime for the Centrifugo v6 server API (the
// `params`/`envelope` codec). It loads none of the 1.x code, and `@centkit/client` none of this.
// Connection and subscription tokens are in `@centkit/client/v6/tokens` (it loads `jose`).

export { EnvelopeClientCore } from '../runtime/envelope-client-core.js';
export type { EnvelopeClientOptions, EnvelopeClientOptions as ClientOptions, ProtocolBinding } from '../runtime/envelope-client-core.js';
export { BatchCore } from '../runtime/batch-core.js';
export type { Append, OpenEntries } from '../runtime/batch-core.js';
export type { KeyedBatchEntry, KeyedBatchEntry as BatchEntry } from '../runtime/envelope/reply.js';
export type { CallOptions, Command, MethodInfo, MethodTable, MethodTypeMap, RetryOptions } from '../runtime/types.js';
export type { HttpClientOptions } from '../runtime/options.js';
export { DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_REPLY_BYTES, DEFAULT_RETRY, DEFAULT_TIMEOUT } from '../runtime/options.js';
export type { ParamsValidator, ReplyValidator, SchemaValidate, ValidationOutcome, ValidatorSource } from '../runtime/reply-validator.js';
export type { HttpTransportDescriptor } from '../runtime/transport-descriptor.js';
export { CentApiError, CentAuthError } from '../runtime/envelope/errors.js';
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
