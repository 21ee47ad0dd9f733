import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CallScope } from '../src/runtime/call-scope.js';
import { FakeCentrifugo } from './support/fake-centrifugo.js';
import { TestClient } from './support/test-client.js';

describe('CallScope', () => {
  it("the caller's abort stops the running attempt once, and is reported as an abort", () => {
    const controller = new AbortController();
    const scope = new CallScope(10_000, controller.signal);
    const attempt = scope.attempt(undefined);
    const onStop = vi.fn();
    attempt.onStop(onStop);
    expect(attempt.stopped).toBe(false);
    controller.abort('bye');
    controller.abort('again');
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(attempt.stopped).toBe(true);
    expect(attempt.stopReason()).toBe('abort');
    expect(scope.userReason).toBe('bye');
    attempt.dispose();
    scope.dispose();
  });

  it('an already aborted signal: stopped from the start', () => {
    const scope = new CallScope(10_000, AbortSignal.abort('no'));
    expect(scope.stopped).toBe(true);
    expect(scope.attempt(undefined).stopped).toBe(true);
    expect(scope.stopReason()).toBe('abort');
    scope.dispose();
  });

  it('an attempt deadline stops that attempt only', async () => {
    const scope = new CallScope(10_000, undefined);
    const attempt = scope.attempt(10);
    const stopped = new Promise<void>((resolve) => attempt.onStop(resolve));
    await stopped;
    expect(attempt.stopReason()).toBe('attempt-timeout');
    expect(scope.stopped).toBe(false);
    attempt.dispose();
    const next = scope.attempt(undefined);
    expect(next.stopped).toBe(false);
    expect(next.stopReason()).toBeUndefined();
    next.dispose();
    scope.dispose();
  });

  it('the call deadline stops the attempt and cuts a sleep short', async () => {
    const scope = new CallScope(20, undefined);
    const attempt = scope.attempt(undefined);
    const onStop = vi.fn();
    attempt.onStop(onStop);
    attempt.dispose(); // a disposed attempt is not called any more
    const started = performance.now();
    await scope.sleep(5_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(onStop).not.toHaveBeenCalled();
    expect(scope.stopReason()).toBe('call-timeout');
    scope.dispose();
  });

  it("dispose removes its listener from the caller's signal", () => {
    const controller = new AbortController();
    const scope = new CallScope(10_000, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    scope.dispose();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('a signal reused across many calls', () => {
  let server: FakeCentrifugo;
  beforeAll(async () => {
    server = await FakeCentrifugo.start({ secret: 'secret' });
  });
  afterAll(() => server.close());

  it('keeps no listener once the calls are done, and still aborts a later one', async () => {
    const client = new TestClient({ address: server.address, secret: 'secret' });
    const controller = new AbortController();
    try {
      for (let i = 0; i < 20; i++) await client.publish({ channel: 'c', data: i }, { signal: controller.signal });
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      server.script({ delay: 5_000 });
      const pending = client.stats({ signal: controller.signal });
      setTimeout(() => controller.abort('stop'), 20);
      await expect(pending).rejects.toMatchObject({ name: 'CentAbortError', reason: 'stop' });
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    } finally {
      await client.close();
    }
  });
});
