/** `startMockCentrifugo`: one fake Centrifugo 1.8.0 on 127.0.0.1, with its test controls. */
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { systemClock, type Clock } from './clock.js';
import { parseConfig } from './config/parse-config.js';
import type { CentrifugoConfig, ResolvedConfig } from './config/types.js';
import type { ControlTarget } from './control/control-target.js';
import { MockUsageError } from './errors.js';
import { MediaTypeMemo } from './go/media-type.js';
import { signCheckFor } from './http/api-checks.js';
import { MAX_FORM_BYTES } from './http/api-input.js';
import { BodyBudget, DEFAULT_MAX_BODY_IN_FLIGHT, DEFAULT_MAX_JSON_BODY } from './http/body-budget.js';
import { ReplyFlush } from './http/reply-flush.js';
import { createMockServer, type ServerTimeouts } from './http/server.js';
import { listen, shutdown } from './http/go-server.js';
import { warnIfReachable } from './http/reachable-warning.js';
import { silentLogger, type MockLogger } from './logger.js';
import { Mock } from './mock-instance.js';
import { startRedisApi, type RedisApi, type RedisApiOptions } from './redis/redis-api.js';
import { loadWireValidation } from './protocol.js';
import { MockNode } from './state/node.js';
import type { RecordedCommand } from './state/recorded-command.js';
import type { CommandFilter, CommandMatcher, WaitOptions } from './state/recorder.js';
import type { MethodFilter, RecordedCommandOf } from './state/typed-commands.js';
import type { MethodName } from '@centkit/validators/protocol';

export interface MockCentrifugoOptions {
  /** API secret; overrides `config.secret`. */
  readonly secret?: string;
  /** Centrifugo 1.x config (the same keys as its config file). */
  readonly config?: CentrifugoConfig;
  /** Default 0: a free port. */
  readonly port?: number;
  /**
   * Address to listen on: `127.0.0.1` by default. Another address (`0.0.0.0` in a container, say)
   * makes the mock reachable from other hosts, and it says so in a warning.
   */
  readonly host?: string;
  /** Record every request the real server would refuse as a contract violation. */
  readonly strict?: boolean;
  /** Consume the Redis API queues (`centrifugo.api`, `centrifugo.api.N`). */
  readonly redis?: RedisApiOptions;
  readonly clock?: Clock;
  readonly logger?: MockLogger;
  /** Cap on JSON-mode bodies (default 64 MiB); over it the mock answers 400 and logs why. */
  readonly maxJsonBodyBytes?: number;
  /**
   * Cap on the request body bytes held in memory at once, all requests together (default
   * 128 MiB, and never below the largest single body allowed); a body that would go over it is
   * answered 503 with `Retry-After: 1` before it is read, and the mock logs why.
   */
  readonly maxBodyBytesInFlight?: number;
  /** How many recorded commands to keep (default 10000). */
  readonly recordLimit?: number;
  /**
   * How much long text (params and replies over 256 characters, kept as received) the recorded
   * commands hold together, in characters (default 256 Mi); past it the oldest are dropped, as
   * past `recordLimit`.
   */
  readonly recordTextLimit?: number;
  /** Log one line per request with `logger.debug` (method, path without the query, status, time). */
  readonly logRequests?: boolean;
  /** Serve the `/_mock/` control API (default true). */
  readonly controlApi?: boolean;
  readonly timeouts?: ServerTimeouts;
  /**
   * Answer the usual API request without Node's request and response objects (default true; the
   * same bytes, less CPU: src/http/fast-lane.ts). false: every request the plain way.
   */
  readonly fastLane?: boolean;
}

export interface MockCentrifugo extends Omit<ControlTarget, 'historyJson' | 'commands' | 'waitFor'> {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The API endpoint: `url` + `http_prefix` + `/api/`. */
  readonly apiUrl: string;
  readonly port: number;
  readonly host: string;
  readonly config: ResolvedConfig;
  /** Node uid and name, as stats/node report them. */
  readonly nodeInfo: { readonly uid: string; readonly name: string };
  /** Recorded commands, oldest first; naming a method of the protocol types their `params`. */
  commands<M extends MethodName>(filter: MethodFilter<M>): RecordedCommandOf<M>[];
  commands(filter?: CommandFilter): RecordedCommand[];
  /** The first recorded command that matches (already recorded ones count); naming a method types its `params`. */
  waitFor<M extends MethodName>(match: MethodFilter<M>, options?: WaitOptions): Promise<RecordedCommandOf<M>>;
  waitFor(match: CommandMatcher, options?: WaitOptions): Promise<RecordedCommand>;
  assertNoViolations(): void;
  /** The sign a client must send for `data`, with the configured secret. */
  sign(data: string | Buffer): string;
  close(): Promise<void>;
}

export { DEFAULT_MAX_BODY_IN_FLIGHT, DEFAULT_MAX_JSON_BODY } from './http/body-budget.js';
/** What Go's ParseMultipartForm(32 MiB) keeps in memory at most: 32 MiB + 10 MiB of values. */
const MULTIPART_MAX_MEMORY = 42 << 20;

export async function startMockCentrifugo(options: MockCentrifugoOptions = {}): Promise<MockCentrifugo> {
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '')
    throw new MockUsageError('invalid_host', 'host must be an address to listen on, such as 127.0.0.1');
  const config = parseConfig(
    options.secret === undefined ? options.config : { ...options.config, secret: options.secret },
  );
  const logger = options.logger ?? silentLogger;
  if (config.secret === '' && !config.insecureApi) {
    // The real server starts too, then answers every signed request 400 and logs this each time.
    logger.warn(
      'no secret set in config: every API request will be answered 400 Bad Request, as Centrifugo does; set secret (--secret) or insecure_api',
    );
  }
  const wire = options.strict === true ? await loadWireValidation() : undefined;
  const node = new MockNode({
    config,
    clock: options.clock ?? systemClock,
    logger,
    strict: options.strict ?? false,
    ...(wire === undefined ? {} : { wire }),
    ...(options.recordLimit === undefined ? {} : { recordLimit: options.recordLimit }),
    ...(options.recordTextLimit === undefined ? {} : { recordTextLimit: options.recordTextLimit }),
  });
  const maxJson = options.maxJsonBodyBytes ?? DEFAULT_MAX_JSON_BODY;
  const limits = { maxJsonBodyBytes: maxJson, maxMultipartBytes: Math.max(maxJson, MULTIPART_MAX_MEMORY) };
  const budget = new BodyBudget(
    Math.max(options.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_IN_FLIGHT, limits.maxMultipartBytes, MAX_FORM_BYTES),
  );
  let closing = false;
  const mock = new Mock(node);
  const server = createMockServer({
    api: {
      node,
      replies: new ReplyFlush(),
      signCheck: signCheckFor(config.secret),
      mediaTypes: new MediaTypeMemo(),
      limits,
      budget,
      isClosing: () => closing,
    },
    control: options.controlApi === false ? undefined : mock,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.logRequests === true ? { requestLog: (line: string) => logger.debug(line) } : {}),
    fastLane: options.fastLane ?? true,
  });
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  warnIfReachable(logger, host, port);
  if (node.name === '') node.name = `${hostname()}_${port}`;
  const sweep = setInterval(() => node.history.sweep(), 1000);
  sweep.unref();
  let redis: RedisApi | undefined;
  try {
    if (options.redis) redis = await startRedisApi(node, options.redis);
  } catch (err) {
    clearInterval(sweep);
    server.close();
    throw err;
  }
  mock.started(host, port, async () => {
    closing = true;
    clearInterval(sweep);
    await redis?.close();
    await shutdown(server);
  });
  return mock;
}
