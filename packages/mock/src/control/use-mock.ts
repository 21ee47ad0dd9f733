/**
 * The vitest lifecycle both protocols' `useMockCentrifugo` share: `start` in beforeAll, reset
 * before each test, closed in afterAll; in strict mode each test also fails when it sent a
 * request the real server would refuse. The returned object forwards to the running mock and
 * throws a typed error when read outside tests and hooks.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { MockStateError } from '../errors.js';

/** What the lifecycle needs of a mock. */
export interface TestableMock {
  reset(): void;
  assertNoViolations(): void;
  close(): Promise<void>;
}

export function useMock<M extends TestableMock>(start: () => Promise<M>, strict: boolean): M {
  let instance: M | undefined;
  beforeAll(async () => {
    instance = await start();
  });
  beforeEach(() => {
    instance?.reset();
  });
  if (strict) {
    afterEach(() => {
      instance?.assertNoViolations();
    });
  }
  afterAll(async () => {
    await instance?.close();
    instance = undefined;
  });
  return new Proxy({} as M, {
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
