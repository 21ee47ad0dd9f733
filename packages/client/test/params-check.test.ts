/**
 * `validateParams` (issue 16 §14): params checked against the method's params schema (typed view)
 * before anything is sent, with a typed error naming the path; and the protocol's types come
 * from `@centkit/client` itself.
 */
import { existsSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ClientInfo, HistoryParams, Message, PresenceResult, PublishParams } from '../src/index.js';
import { CentParamsError, CentUsageError } from '../src/index.js';
import { rejectionOf } from './support/net.js';
import { setupServer } from './support/server-setup.js';

const validatorsBuilt = existsSync(new URL('../../validators/dist/index.js', import.meta.url));

describe('params check', () => {
  const { server, client } = setupServer();

  it("the protocol's param, result and shared types are exported by @centkit/client", () => {
    expectTypeOf<PublishParams>().toHaveProperty('channel').toEqualTypeOf<string>();
    expectTypeOf<HistoryParams>().toHaveProperty('channel');
    expectTypeOf<Message>().toHaveProperty('uid').toEqualTypeOf<string>();
    // A map the server fills completely: every value is there (indexing it still gives `| undefined`).
    expectTypeOf<PresenceResult['data']>().toEqualTypeOf<Record<string, ClientInfo>>();
  });

  it('is off by default: params the server refuses are sent', async () => {
    await client().callRaw('history', { channel: 5 });
    expect(server.requests).toHaveLength(1);
  });

  it('with a validator function: a bad command rejects the whole batch before anything is sent', async () => {
    const seen: string[] = [];
    const c = client({
      validateParams: (method, params) => {
        seen.push(method);
        return typeof (params as { channel?: unknown }).channel === 'string'
          ? { ok: true }
          : { ok: false, errors: [{ path: '/channel', message: 'must be string', keyword: 'type' }] };
      },
    });
    const error = await rejectionOf(c.batch().history({ channel: 'a' }).raw('history', { channel: null }).send());
    expect(error).toBeInstanceOf(CentParamsError);
    expect(error).toMatchObject({
      name: 'CentParamsError',
      code: 'CENT_PARAMS',
      method: 'history',
      path: '/channel',
      index: 1,
    });
    expect((error as Error).message).toBe(
      'params of history (command 1) break the schema at /channel: must be string; nothing was sent',
    );
    expect(seen).toEqual(['history', 'history']);
    expect(server.requests).toHaveLength(0);
    await expect(c.history({ channel: 'ok' })).resolves.toEqual({ channel: 'ok', data: [] });
  });

  describe.skipIf(!validatorsBuilt)(
    'with @centkit/validators (needs `tsc -b` to have built packages/validators)',
    () => {
      it('checks the typed view: a publish without data is refused, a good one goes out', async () => {
        const c = client({ validateParams: true });
        const error = await rejectionOf(c.callRaw('publish', { channel: 'a' }));
        expect(error).toMatchObject({ name: 'CentParamsError', method: 'publish', index: undefined });
        expect((error as CentParamsError).issues.map((i) => i.keyword)).toContain('required');
        await expect(c.publish({ channel: 'a', data: 1 })).resolves.toBeNull();
        expect(server.requests).toHaveLength(1);
      });

      it('names the path of a nested problem', async () => {
        const error = await rejectionOf(client({ validateParams: true }).callRaw('history', { channel: 7 }));
        expect(error).toMatchObject({ name: 'CentParamsError', path: '/channel' });
      });
    },
  );

  it('a validator that cannot load is a usage error', async () => {
    const c = client({ validateParams: () => Promise.reject(new CentUsageError('broken')) });
    await expect(c.stats()).rejects.toBeInstanceOf(CentUsageError);
  });
});
