/**
 * `useMockCentrifugo(options)`: one line gives a vitest file its own mock. Started in beforeAll,
 * reset before each test, closed in afterAll; in strict mode each test also fails when it sent
 * a request the real server would refuse. Use the returned object only inside tests and hooks.
 */
import { useMock } from './control/use-mock.js';
import { startMockCentrifugo, type MockCentrifugo, type MockCentrifugoOptions } from './mock.js';

export function useMockCentrifugo(options: MockCentrifugoOptions = {}): MockCentrifugo {
  return useMock(() => startMockCentrifugo(options), options.strict === true);
}
