// Public surface of @centkit/client. The Redis transport is the subpath `@centkit/client/redis`.

export { ClientCore } from './runtime/client-core.js';
export { BatchCore } from './runtime/batch-core.js';
export type {
  BatchEntry,
  CallOptions,
  Command,
  CommandRunner,
  MethodInfo,
  MethodTable,
  MethodTypeMap,
  RetryOptions,
} from './runtime/types.js';
export type { ClientOptions } from './runtime/options.js';
export { DEFAULT_MAX_BATCH_SIZE, DEFAULT_RETRY, DEFAULT_TIMEOUT } from './runtime/options.js';
export type { ReplyValidator, ValidationOutcome } from './runtime/reply-validator.js';
export { buildApiUrl } from './runtime/api-url.js';
export { generateApiSign, generateChannelSign, generateClientToken } from './runtime/sign.js';
export {
  CentAbortError,
  CentCommandError,
  CentContractError,
  CentEncodeError,
  CentError,
  CentRequestError,
  CentHttpError,
  CentMalformedReplyError,
  CentTimeoutError,
  CentTransportError,
  CentUsageError,
} from './runtime/errors.js';
export type { BatchProgress, CentErrorCode, ContractIssue, MalformedReason, RequestContext } from './runtime/errors.js';

// ---- generated surface: src/gen/client.gen.ts, written by the generator's client emitter -------
export { Batch, Client } from './gen/client.gen.js';
// -----------------------------------------------------------------------------------------------
