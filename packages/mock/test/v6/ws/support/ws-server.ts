/**
 * The v6 mock for the websocket tests: `startMockCentrifugoV6` with a config, as an app would
 * start it, plus the fields the shared helpers take (`url`, `wsUrl`, `port`, `stop`).
 */
import type { Clock } from '../../../../src/clock.js';
import type { CentrifugoV6Config } from '../../../../src/v6/config/types.js';
import { startMockCentrifugoV6 } from '../../../../src/v6/mock.js';
import type { MockCentrifugoV6 } from '../../../../src/v6/mock-types.js';

export interface WsTestServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly mock: MockCentrifugoV6;
  stop(): Promise<void>;
}

export async function startWsTestServer(config: CentrifugoV6Config, clock?: Clock): Promise<WsTestServer> {
  const mock = await startMockCentrifugoV6({ config, ...(clock === undefined ? {} : { clock }) });
  return { url: mock.url, wsUrl: mock.wsUrl, port: mock.port, mock, stop: () => mock.close() };
}
