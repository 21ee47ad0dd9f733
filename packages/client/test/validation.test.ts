import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReplyValidator } from '../src/index.js';
import { CentContractError } from '../src/index.js';
import { rejectionOf } from './support/net.js';
import { setupServer } from './support/server-setup.js';

const validatorsBuilt = existsSync(new URL('../../validators/dist/index.js', import.meta.url));

/** A stub validator: history bodies need a `channel` string; records what it saw. */
function stub(seen: string[]): ReplyValidator {
  return (method, body) => {
    seen.push(method);
    if (method !== 'history') return { ok: true };
    const channel = (body as { channel?: unknown }).channel;
    return typeof channel === 'string'
      ? { ok: true }
      : {
          ok: false,
          errors: [
            { path: '/channel', message: 'must be string', keyword: 'type' },
            { path: '/data', message: 'is required', keyword: 'required' },
          ],
        };
  };
}

describe('reply validation', () => {
  const { server, client } = setupServer();

  it('is off by default: a body of the wrong shape is returned as is', async () => {
    server.script({ body: [{ method: 'history', error: null, body: { channel: 5 } }] });
    await expect(client().history({ channel: 'a' })).resolves.toEqual({ channel: 5 });
  });

  describe('with a validator function', () => {
    it('passes a valid body through', async () => {
      const seen: string[] = [];
      await expect(client({ validateReplies: stub(seen) }).history({ channel: 'a' })).resolves.toEqual({
        channel: 'a',
        data: [],
      });
      expect(seen).toEqual(['history']);
    });

    it('rejects an invalid body with CentContractError naming the JSON path', async () => {
      server.script({ body: [{ method: 'history', error: null, body: { channel: 5 } }] });
      const error = await rejectionOf(client({ validateReplies: stub([]) }).history({ channel: 'a' }));
      expect(error).toBeInstanceOf(CentContractError);
      expect(error).toMatchObject({
        name: 'CentContractError',
        code: 'CENT_CONTRACT',
        method: 'history',
        path: '/channel',
        index: undefined,
        issues: [
          { path: '/channel', message: 'must be string', keyword: 'type' },
          { path: '/data', message: 'is required', keyword: 'required' },
        ],
        message: 'reply to history breaks the schema at /channel: must be string (+1 more)',
      });
    });

    it('skips soft errors (their body is not a result)', async () => {
      const seen: string[] = [];
      server.script({ body: [{ method: 'history', error: 'invalid message', body: { channel: '', data: null } }] });
      await expect(client({ validateReplies: stub(seen) }).history({ channel: '' })).rejects.toMatchObject({
        name: 'CentCommandError',
      });
      expect(seen).toEqual([]);
    });

    it('uses the value a validator returns', async () => {
      const normalise: ReplyValidator = () => ({ ok: true, value: { normalised: true } });
      await expect(client({ validateReplies: normalise }).stats()).resolves.toEqual({ normalised: true });
    });

    it('in a batch: names the command index and keeps the valid entries before it', async () => {
      server.script({
        body: [
          { method: 'history', error: null, body: { channel: 'a', data: [] } },
          { method: 'publish', error: 'namespace not found', body: null },
          { method: 'history', error: null, body: { channel: null } },
          { method: 'stats', error: null, body: {} },
        ],
      });
      const error = await rejectionOf(
        client({ validateReplies: stub([]) })
          .batch()
          .history({ channel: 'a' })
          .publish({ channel: 'x:a', data: 1 })
          .history({ channel: 'b' })
          .stats()
          .send(),
      );
      expect(error).toMatchObject({
        name: 'CentContractError',
        index: 2,
        path: '/channel',
        message: 'reply to history (command 2) breaks the schema at /channel: must be string (+1 more)',
        batch: {
          entries: [
            { ok: true, method: 'history', body: { channel: 'a', data: [] } },
            { ok: false, method: 'publish', error: 'namespace not found' },
          ],
          failedAt: 2,
          total: 4,
        },
      });
    });

    it('in a chunked batch: the index counts from the start of the whole batch', async () => {
      server.script(
        {},
        {
          body: [
            { method: 'history', error: null, body: { channel: 'ok', data: [] } },
            { method: 'history', error: null, body: {} },
          ],
        },
      );
      const error = await rejectionOf(
        client({ validateReplies: stub([]), maxBatchSize: 2 })
          .batch()
          .history({ channel: 'a' })
          .history({ channel: 'b' })
          .history({ channel: 'c' })
          .history({ channel: 'd' })
          .send(),
      );
      expect(error).toMatchObject({ index: 3, batch: { failedAt: 3, total: 4 } });
      expect((error as CentContractError).batch?.entries).toHaveLength(3);
    });
  });

  describe.skipIf(!validatorsBuilt)(
    'with @centkit/validators (needs `tsc -b` to have built packages/validators)',
    () => {
      it('accepts what Centrifugo sends', async () => {
        const c = client({ validateReplies: true });
        await expect(c.history({ channel: 'a' })).resolves.toEqual({ channel: 'a', data: [] });
        await expect(c.stats()).resolves.toEqual({ data: { nodes: [], metrics_interval: 60 } });
        await expect(c.publish({ channel: 'a', data: 1 })).resolves.toBeNull();
      });

      it('rejects a history message with a numeric uid, naming /data/0/uid', async () => {
        server.script({
          body: [
            { method: 'history', error: null, body: { channel: 'a', data: [{ uid: 1, channel: 'a', data: {} }] } },
          ],
        });
        const error = await rejectionOf(client({ validateReplies: true }).history({ channel: 'a' }));
        expect(error).toBeInstanceOf(CentContractError);
        expect(error).toMatchObject({
          method: 'history',
          path: '/data/0/uid',
          issues: [{ path: '/data/0/uid', keyword: 'type' }],
        });
      });
    },
  );
});
