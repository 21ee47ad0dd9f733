import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  CentAbortError,
  CentEncodeError,
  CentError,
  CentHttpError,
  CentMalformedReplyError,
  CentTimeoutError,
  CentTransportError,
} from '../src/index.js';
import { closedPort, rejectionOf } from './support/net.js';
import { setupServer } from './support/server-setup.js';

/** An agent whose DNS lookups fail with `code`, or never answer. */
function agentWithLookup(lookup: LookupFunction): Agent {
  return new Agent({ keepAlive: true, lookup } as ConstructorParameters<typeof Agent>[0]);
}
const failingLookup =
  (code: string): LookupFunction =>
  (hostname, _options, callback) =>
    callback(Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code }), '', 4);

describe('errors', () => {
  const { server, client } = setupServer();

  describe('transport', () => {
    it('connection refused: ECONNREFUSED, did not reach the server', async () => {
      const port = await closedPort();
      const error = await rejectionOf(
        client({ address: `http://127.0.0.1:${port}` }).publish({ channel: 'a', data: 1 }),
      );
      expect(error).toBeInstanceOf(CentTransportError);
      expect(error).toBeInstanceOf(CentError);
      expect(error).toMatchObject({
        name: 'CentTransportError',
        code: 'CENT_TRANSPORT',
        causeCode: 'ECONNREFUSED',
        mayHaveReachedServer: false,
        staleConnection: false,
        attempts: 1,
        methods: ['publish'],
        url: `http://127.0.0.1:${port}/api/`,
      });
      expect((error as Error).message).toMatch(/ECONNREFUSED.*did not reach the server/);
    });

    it.each(['ENOTFOUND', 'EAI_AGAIN'])('DNS failure %s: did not reach the server', async (code) => {
      const agent = agentWithLookup(failingLookup(code));
      const error = await rejectionOf(
        client({ address: 'http://centrifugo.invalid:8000', agent }).publish({ channel: 'a', data: 1 }),
      );
      expect(error).toMatchObject({ name: 'CentTransportError', causeCode: code, mayHaveReachedServer: false });
      agent.destroy();
    });

    it('connection reset while the server handles the request: may have reached it', async () => {
      server.script({ drop: 'reset' });
      const error = await rejectionOf(client().publish({ channel: 'a', data: 1 }));
      expect(error).toMatchObject({
        name: 'CentTransportError',
        causeCode: 'ECONNRESET',
        mayHaveReachedServer: true,
        staleConnection: false,
      });
      expect(server.requests).toHaveLength(1);
    });

    it('connection closed in the middle of the reply: may have reached the server', async () => {
      server.script({ drop: 'half' });
      const error = await rejectionOf(client().stats());
      expect(error).toMatchObject({ name: 'CentTransportError', mayHaveReachedServer: true });
    });
  });

  describe('HTTP status', () => {
    it('400: says the server refused the request and earlier commands may have run', async () => {
      const error = await rejectionOf(client().callRaw('nosuchmethod', {}));
      expect(error).toBeInstanceOf(CentHttpError);
      expect(error).toMatchObject({ name: 'CentHttpError', code: 'CENT_HTTP', status: 400, body: 'Bad Request\n' });
      expect((error as Error).message).toMatch(
        /the server refused the request: unknown method or malformed params.*the commands before the bad one may have run/,
      );
    });

    it("401: says the secret probably does not match the server's", async () => {
      const error = await rejectionOf(client({ secret: 'wrong-secret' }).stats());
      expect(error).toMatchObject({ status: 401, body: 'Unauthorized\n' });
      expect((error as Error).message).toMatch(/secret probably does not match the server's/);
      expect(server.requests[0]?.signValid).toBe(false);
    });

    it('500 and 503', async () => {
      server.script({ status: 500, body: 'Internal Server Error\n' }, { status: 503, body: '' });
      await expect(client().stats()).rejects.toMatchObject({
        status: 500,
        message: expect.stringMatching(/server failed/),
      });
      await expect(client().stats()).rejects.toMatchObject({
        status: 503,
        message: expect.stringMatching(/unavailable/),
      });
    });

    it('404: points at the address', async () => {
      const error = await rejectionOf(client({ address: `${server.address}/elsewhere` }).stats());
      expect(error).toMatchObject({ status: 404, message: expect.stringMatching(/check the address/) });
    });

    it('cuts a long body', async () => {
      server.script({ status: 502, body: 'x'.repeat(5000) });
      const error = (await rejectionOf(client().stats())) as CentHttpError;
      expect(error.body.length).toBeLessThan(600);
      expect(error.body).toMatch(/\(5000 chars\)$/);
    });
  });

  describe('malformed reply', () => {
    it.each([
      ['not-json', 'not json at all', /not JSON/],
      ['not-json', '', /not JSON/],
      ['not-array', { method: 'stats', error: null, body: {} }, /expected an array of 1 replies, got an object/],
      ['not-array', null, /got null/],
      ['wrong-length', [], /sent 1 commands, got 0 replies/],
      [
        'wrong-length',
        [
          { method: 'stats', error: null, body: {} },
          { method: 'stats', error: null, body: {} },
        ],
        /got 2/,
      ],
      ['item-not-object', [42], /reply 0 \(stats\) is a number/],
      ['wrong-method', [{ method: 'history', error: null, body: {} }], /is for history, the command was stats/],
      ['no-body', [{ method: 'stats', error: null }], /neither an error nor a body/],
    ] as const)('%s: %j', async (reason, body, message) => {
      server.script({ status: 200, body });
      const error = await rejectionOf(client().stats());
      expect(error).toBeInstanceOf(CentMalformedReplyError);
      expect(error).toMatchObject({ name: 'CentMalformedReplyError', code: 'CENT_MALFORMED_REPLY', reason });
      expect((error as Error).message).toMatch(message);
    });

    it('a soft error item needs no body', async () => {
      server.script({ status: 200, body: [{ method: 'stats', error: 'not available' }] });
      await expect(client().stats()).rejects.toMatchObject({ name: 'CentCommandError', error: 'not available' });
    });

    it('an empty error string or null counts as success (as cent)', async () => {
      server.script({ status: 200, body: [{ method: 'stats', error: '', body: { data: 1 } }] });
      await expect(client().stats()).resolves.toEqual({ data: 1 });
    });
  });

  describe('timeout', () => {
    it('bounds the call: CentTimeoutError, may have reached the server', async () => {
      server.script({ delay: 500 });
      const error = await rejectionOf(client({ timeout: 50 }).stats());
      expect(error).toBeInstanceOf(CentTimeoutError);
      expect(error).toMatchObject({
        name: 'CentTimeoutError',
        code: 'CENT_TIMEOUT',
        timeout: 50,
        scope: 'call',
        mayHaveReachedServer: true,
      });
      expect((error as Error).message).toMatch(/timed out after 50 ms/);
    });

    it("a per-call timeout overrides the client's", async () => {
      server.script({ delay: 500 });
      await expect(client({ timeout: 5000 }).stats({ timeout: 50 })).rejects.toMatchObject({
        name: 'CentTimeoutError',
        timeout: 50,
      });
    });

    it('before the connection opened: did not reach the server', async () => {
      const agent = agentWithLookup(() => undefined); // DNS never answers
      const error = await rejectionOf(
        client({ address: 'http://slow.invalid', agent, timeout: 50 }).publish({ channel: 'a', data: 1 }),
      );
      expect(error).toMatchObject({ name: 'CentTimeoutError', mayHaveReachedServer: false });
      agent.destroy();
    });

    it('default is 2000 ms; bad values are refused', () => {
      expect(() => client({ timeout: 0 })).toThrow(/timeout must be a positive number/);
      expect(() => client({ timeout: Number.NaN })).toThrow(/timeout/);
      expect(() => client({ timeout: Infinity })).not.toThrow();
    });
  });

  describe('abort', () => {
    it('an already aborted signal: CentAbortError, nothing sent', async () => {
      const controller = new AbortController();
      controller.abort('changed my mind');
      const error = await rejectionOf(client().publish({ channel: 'a', data: 1 }, { signal: controller.signal }));
      expect(error).toBeInstanceOf(CentAbortError);
      expect(error).toMatchObject({
        name: 'CentAbortError',
        code: 'CENT_ABORT',
        reason: 'changed my mind',
        mayHaveReachedServer: false,
        attempts: 0,
      });
      expect(server.requests).toHaveLength(0);
    });

    it("aborting during the request: CentAbortError with the signal's reason", async () => {
      server.script({ delay: 500 });
      const controller = new AbortController();
      const reason = new Error('shutting down');
      const pending = client().stats({ signal: controller.signal });
      setTimeout(() => controller.abort(reason), 30);
      const error = await rejectionOf(pending);
      expect(error).toMatchObject({ name: 'CentAbortError', reason, mayHaveReachedServer: true });
      expect((error as Error).cause).toBe(reason);
    });

    it('AbortSignal.timeout() counts as an abort, not as the client timeout', async () => {
      server.script({ delay: 500 });
      const error = await rejectionOf(client().stats({ signal: AbortSignal.timeout(30) }));
      expect(error).toMatchObject({ name: 'CentAbortError' });
      expect((error as CentAbortError).reason).toMatchObject({ name: 'TimeoutError' });
    });
  });

  describe('encoding', () => {
    it('params JSON cannot hold: CentEncodeError, nothing sent', async () => {
      const error = await rejectionOf(client().publish({ channel: 'a', data: { n: 10n } }));
      expect(error).toBeInstanceOf(CentEncodeError);
      expect(error).toMatchObject({ code: 'CENT_ENCODE', methods: ['publish'] });
      expect(server.requests).toHaveLength(0);
    });
  });

  it('every error is plain data for JSON loggers', async () => {
    server.script({ status: 500, body: 'boom' });
    const error = await rejectionOf(client().stats());
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'CentHttpError',
      message: expect.stringMatching(/^HTTP 500/),
      code: 'CENT_HTTP',
      attempts: 1,
      url: `${server.address}/api/`,
      methods: ['stats'],
      status: 500,
      body: 'boom',
    });
  });
});
