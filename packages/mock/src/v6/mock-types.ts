/** The public types of the v6 mock: its options, the running mock, and recorded commands typed by method. */
import type { MethodName, MethodTypes } from '@centkit/validators/v6/protocol';
import type { Clock } from '../clock.js';
import type { ControlTarget } from '../control/control-target.js';
import type { ServerTimeouts } from '../http/go-server.js';
import type { MockLogger } from '../logger.js';
import type { RecordedCommand } from '../state/recorded-command.js';
import type { CommandMatcher, WaitOptions } from '../state/recorder.js';
import type { CentrifugoV6Config, ResolvedConfigV6, StartupLogRecord } from './config/types.js';
import type { FakeClientSpecV6 } from './engine/fake-clients.js';
import type { FakeClientV6, HistoryEntryV6 } from './fake-client-view.js';
import type { WsControls } from './ws/control-routes.js';

export interface MockCentrifugoV6Options {
  /** Centrifugo v6's own config, as its config file holds it (`http_api.key`, `channel.namespaces`, …). */
  readonly config?: CentrifugoV6Config;
  /** Port to listen on; default 0, a free port (the CLI takes `http_server.port`). */
  readonly port?: number;
  /**
   * Address to listen on: `127.0.0.1` by default. Another address (`0.0.0.0` in a container, say)
   * makes the mock reachable from other hosts, and it says so in a warning.
   */
  readonly host?: string;
  /** Record every request the real server would refuse (400, 401, 404, 405) as a contract violation. */
  readonly strict?: boolean;
  readonly clock?: Clock;
  readonly logger?: MockLogger;
  /** Cap on one request body (default 64 MiB; the real server has none): over it the mock answers 400 and logs why. */
  readonly maxJsonBodyBytes?: number;
  /** Cap on the request bodies held at once, all requests together (default 128 MiB): over it, 503 with `Retry-After: 1`. */
  readonly maxBodyBytesInFlight?: number;
  /** How many recorded commands to keep (default 10000). */
  readonly recordLimit?: number;
  /**
   * How much long text (params and replies over 256 characters, kept as received) the recorded
   * commands hold together, in characters (default 256 Mi); past it the oldest are dropped, as
   * past `recordLimit`.
   */
  readonly recordTextLimit?: number;
  /** Log one line per request with `logger.debug`. */
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

type CommandMethodName = Exclude<MethodName, 'batch'>;

/**
 * A command the v6 mock received (each item of a batch and each legacy line on its own), typed
 * by method: narrow on `method` and `params` has that method's params type. `method` is '' for a
 * batch item or legacy line that named no method the server runs.
 */
export type RecordedCommandV6 =
  | {
      readonly [M in CommandMethodName]: Omit<RecordedCommand, 'method' | 'params'> & {
        readonly method: M;
        readonly params: MethodTypes[M]['params'] | undefined;
      };
    }[CommandMethodName]
  | (Omit<RecordedCommand, 'method'> & { readonly method: '' });

export interface MockCentrifugoV6
  extends
    Omit<
      ControlTarget<FakeClientSpecV6, FakeClientV6, HistoryEntryV6>,
      'historyJson' | 'controlRoutes' | 'commands' | 'waitFor'
    >,
    WsControls {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `ws://127.0.0.1:<port>/connection/websocket`: the client protocol, for the centrifuge SDK. */
  readonly wsUrl: string;
  /** The API prefix: `url` + `http_api.handler_prefix` (`/api`); methods are at `apiUrl/<method>`. */
  readonly apiUrl: string;
  readonly port: number;
  readonly host: string;
  /** The configured API key (`http_api.key`), for the app under test. */
  readonly apiKey: string;
  readonly config: ResolvedConfigV6;
  /** What the real server would log at start-up for this config (warn level). */
  readonly warnings: readonly StartupLogRecord[];
  /** Node uid and name, as `info` reports them. */
  readonly nodeInfo: { readonly uid: string; readonly name: string };
  commands(filter?: CommandMatcher): RecordedCommandV6[];
  waitFor(match: CommandMatcher, options?: WaitOptions): Promise<RecordedCommandV6>;
  /** Subscribes a fake client to a channel, as the client itself would subscribe. */
  subscribe(clientId: string, channel: string): FakeClientV6;
  unsubscribe(clientId: string, channel: string): FakeClientV6;
  client(clientId: string): FakeClientV6 | undefined;
  assertNoViolations(): void;
  close(): Promise<void>;
}
