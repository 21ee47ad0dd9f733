/**
 * `useMockCentrifugo(options)`: one line gives a vitest file its own mock. Started in beforeAll,
 * reset before each test, closed in afterAll; in strict mode each test also fails when it sent
 * a request the real server would refuse. Use the returned object only inside tests and hooks.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { MockStateError } from './errors.js';
import { startMockCentrifugo, type MockCentrifugo, type MockCentrifugoOptions } from './mock.js';

export function useMockCentrifugo(options: MockCentrifugoOptions = {}): MockCentrifugo {
  let instance: MockCentrifugo | undefined;
  beforeAll(async () => {
    instance = await startMockCentrifugo(options);
  });
  beforeEach(() => {
    instance?.reset();
  });
  if (options.strict) {
    afterEach(() => {
      instance?.assertNoViolations();
    });
  }
  afterAll(async () => {
    await instance?.close();
    instance = undefined;
  });
  return new Proxy({} as MockCentrifugo, {
    get(_target, prop) {
      if (instance === undefined) {
        throw new MockStateError(
          'not_started',
          `the mock is only available inside tests and hooks (reading .${String(prop)} outside them)`,
        );
      }
      const value: unknown = Reflect.get(instance, prop, instance);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(instance) : value;
    },
  });
}
