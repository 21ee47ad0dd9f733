export { startMockCentrifugo, DEFAULT_MAX_BODY_IN_FLIGHT, DEFAULT_MAX_JSON_BODY } from './mock.js';
export type { MockCentrifugo, MockCentrifugoOptions } from './mock.js';
export { parseConfig } from './config/parse-config.js';
export { loadConfigFile, parseConfigText } from './config/load-config.js';
export type { CentrifugoConfig, ChannelOptions, NamespaceInput, ResolvedConfig } from './config/types.js';
export { createManualClock, systemClock } from './clock.js';
export type { Clock, ManualClock } from './clock.js';
export { createConsoleLogger, silentLogger } from './logger.js';
export type { MockLogger } from './logger.js';
export {
  MockError,
  MockConfigError,
  MockUsageError,
  MockTimeoutError,
  MockStateError,
  MockContractError,
} from './errors.js';
export type { FakeClient, FakeClientSpec } from './state/clients.js';
export type { ActiveFault, FaultSpec } from './state/faults.js';
export type { CommandOutcome, RecordedCommand, Transport } from './state/recorded-command.js';
export type { CommandFilter, CommandMatcher, WaitOptions } from './state/recorder.js';
export { isCommandOf } from './state/typed-commands.js';
export type { MethodFilter, RecordedCommandOf } from './state/typed-commands.js';
export type { ContractViolation, ViolationKind } from './state/violations.js';
export { formatViolation } from './state/violations.js';
export type { HistoryEntry } from './control/control-target.js';
export type { RedisApiOptions } from './redis/redis-api.js';
export type { ServerTimeouts } from './http/server.js';
export { apiSign } from './http/sign.js';
export { goCompact } from './json/go-compact.js';
export { goQuote } from './json/go-quote.js';
export { fixtures, FIXTURE_SEED } from './gen/fixtures.gen.js';
export type { MethodFixtures } from './gen/fixtures.gen.js';
