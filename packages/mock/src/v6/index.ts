/**
 * `@centkit/mock/v6`: a faithful, stateful fake of the Centrifugo v6.9.1 server API for app
 * tests. Loads no 1.x code (and the 1.x entry loads none of this).
 */
export { startMockCentrifugoV6, startMockCentrifugoV6 as startMockCentrifugo } from './mock.js';
export type { MockCentrifugoV6, MockCentrifugoV6Options, RecordedCommandV6 } from './mock-types.js';
export type {
  MockCentrifugoV6 as MockCentrifugo,
  MockCentrifugoV6Options as MockCentrifugoOptions,
} from './mock-types.js';
export { parseConfigV6 } from './config/parse-config.js';
export { loadConfigFileV6, parseConfigTextV6 } from './config/load-config.js';
export type { ConfigFormat } from './config/load-config.js';
export { CentrifugoConfigError } from './config/config-error.js';
export type { CentrifugoV6Config, ChannelOptions, ResolvedConfigV6, StartupLogRecord } from './config/types.js';
export type { FakeClientSpecV6 } from './engine/fake-clients.js';
export type { FakeClientV6, HistoryEntryV6 } from './fake-client-view.js';
export { createManualClock, systemClock } from '../clock.js';
export type { Clock, ManualClock } from '../clock.js';
export { createConsoleLogger, silentLogger } from '../logger.js';
export type { MockLogger } from '../logger.js';
export {
  MockError,
  MockConfigError,
  MockUsageError,
  MockTimeoutError,
  MockStateError,
  MockContractError,
} from '../errors.js';
export type { ActiveFault, FaultSpec } from '../state/faults.js';
export type { CommandOutcome, Transport } from '../state/recorded-command.js';
export type { CommandFilter, CommandMatcher, WaitOptions } from '../state/recorder.js';
export type { ContractViolation, ViolationKind } from '../state/violations.js';
export { formatViolation } from '../state/violations.js';
export type { ServerTimeouts } from '../http/go-server.js';
