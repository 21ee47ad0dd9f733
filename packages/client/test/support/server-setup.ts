/**
 * The usual client test suite: one fake Centrifugo (secret `secret`) for the whole suite, reset
 * after each test, and a `client()` factory whose clients are closed after each test.
 * Call it inside `describe`: it registers the suite's beforeAll/afterEach/afterAll hooks.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ClientOptions } from '../../src/index.js';
import { FakeCentrifugo } from './fake-centrifugo.js';
import { TestClient } from './test-client.js';

export interface ServerSetup {
  /** Listening from the suite's `beforeAll` on (its `address` is known only then). */
  readonly server: FakeCentrifugo;
  /** A client of `server` with secret `secret` and `options` on top; closed after the test. */
  readonly client: (options?: Partial<ClientOptions>) => TestClient;
}

export function setupServer(): ServerSetup {
  const server = FakeCentrifugo.create({ secret: 'secret' });
  const clients: TestClient[] = [];
  beforeAll(() => server.listen());
  afterEach(async () => {
    server.reset();
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(() => server.close());
  const client = (options: Partial<ClientOptions> = {}): TestClient => {
    const c = new TestClient({ address: server.address, secret: 'secret', ...options });
    clients.push(c);
    return c;
  };
  return { server, client };
}
