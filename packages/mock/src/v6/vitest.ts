/**
 * `useMockCentrifugoV6(options)`: one line gives a vitest file its own v6 mock. Started in
 * beforeAll, reset before each test, closed in afterAll; in strict mode each test also fails
 * when it sent a request the real server would refuse. Use the returned object only inside tests
 * and hooks.
 */
import { useMock } from '../control/use-mock.js';
import { startMockCentrifugoV6 } from './mock.js';
import type { MockCentrifugoV6, MockCentrifugoV6Options } from './mock-types.js';

export function useMockCentrifugoV6(options: MockCentrifugoV6Options = {}): MockCentrifugoV6 {
  return useMock(() => startMockCentrifugoV6(options), options.strict === true);
}

export { useMockCentrifugoV6 as useMockCentrifugo };
