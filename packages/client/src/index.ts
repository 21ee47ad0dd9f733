// Public surface of @centkit/client. The Redis transport is the subpath `@centkit/client/redis`.

export { ClientCore } from './runtime/client-core.js';
export { BatchCore } from './runtime/batch-core.js';
export type { Append, OpenEntries } from './runtime/batch-core.js';
export type {
  BatchEntry,
  BatchRunner,
  CallOptions,
  Command,
  CommandRunner,
  MethodInfo,
  MethodTable,
  MethodTypeMap,
  RetryOptions,
} from './runtime/types.js';
export type { ClientOptions, HttpClientOptions } from './runtime/options.js';
export {
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_MAX_REPLY_BYTES,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT,
} from './runtime/options.js';
export type { ParamsValidator, ReplyValidator, ValidationOutcome } from './runtime/reply-validator.js';
export { buildApiUrl } from './runtime/commands/api-url.js';
export { generateApiSign, generateChannelSign, generateClientToken } from './runtime/commands/sign.js';
export { CentCommandError } from './runtime/commands/command-error.js';
export {
  CentAbortError,
  CentContractError,
  CentEncodeError,
  CentError,
  CentRequestError,
  CentHttpError,
  CentMalformedReplyError,
  CentParamsError,
  CentReplyTooLargeError,
  CentTimeoutError,
  CentTransportError,
  CentUsageError,
} from './runtime/errors.js';
export type { BatchProgress, CentErrorCode, ContractIssue, MalformedReason, RequestContext } from './runtime/errors.js';

// The protocol's params, result and shared types (`PublishParams`, `HistoryResult`, `Message`...).
export type * from '@centkit/validators';

// ---- generated surface: src/gen/client.gen.ts, written by the generator's client emitter -------
export { Batch, Client } from './gen/client.gen.js';
// -----------------------------------------------------------------------------------------------
