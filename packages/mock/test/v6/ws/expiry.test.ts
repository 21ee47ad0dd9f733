/**
 * Connection expiry on the mock and on the real v6.9.1 (`client.expired_close_delay` 1 s here):
 * a connection the server API gave an expiry (`refresh` with `expire_at`) is closed with 3005
 * once that expiry and the delay have passed without a refresh; one whose expiry a client
 * refresh moved on stays open.
 */
import WebSocket from 'ws';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  API_KEY,
  describeWithCentrifugo,
  recordingConfig,
  startCentrifugo,
  TOKEN_SECRET,
} from '../../../../../test/support/centrifugo-v6.js';
import { startWsTestServer } from './support/ws-server.js';

const config = { ...recordingConfig, client: { ...(recordingConfig['client'] as object), expired_close_delay: '1s' } };
const token = (claims: object) =>
  new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(TOKEN_SECRET));

async function story(url: string, wsUrl: string): Promise<string[]> {
  const seen: string[] = [];
  const open = async (user: string) => {
    const ws = new WebSocket(wsUrl);
    ws.on('message', (m: Buffer) =>
      seen.push(
        `${user} ${m
          .toString()
          .replace(/"client":"[^"]+"/, '"client":"<c>"')
          .replace(/"ttl":\d+/, '"ttl":"<ttl>"')}`,
      ),
    );
    ws.on('close', (code: number) => seen.push(`${user} close ${code}`));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ id: 1, connect: { token: await token({ sub: user }) } }));
    return ws;
  };
  const a = await open('ua');
  const b = await open('ub');
  await new Promise((resolve) => setTimeout(resolve, 200));
  // At least a full second ahead, so a slow machine never sends an expiry already past (which the
  // server treats as expired at once, with no refresh push).
  const expireAt = Math.floor(Date.now() / 1000) + 2;
  for (const user of ['ua', 'ub'])
    await fetch(`${url}/api/refresh`, {
      method: 'POST',
      headers: { 'X-API-Key': API_KEY },
      body: JSON.stringify({ user, expire_at: expireAt }),
    });
  await new Promise((resolve) => setTimeout(resolve, 300));
  b.send(
    JSON.stringify({
      id: 2,
      refresh: { token: await token({ sub: 'ub', exp: Math.floor(Date.now() / 1000) + 3600 }) },
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 4500));
  a.terminate();
  b.terminate();
  return seen.filter((l) => !l.endsWith('close 1006')).map((l) => l.replace(/"ttl":\d+/, '"ttl":"<ttl>"'));
}

const WANT = [
  'ua {"id":1,"connect":{"client":"<c>","version":"6.9.1 OSS","ping":25,"pong":true}}',
  'ub {"id":1,"connect":{"client":"<c>","version":"6.9.1 OSS","ping":25,"pong":true}}',
  'ua {"push":{"refresh":{"expires":true,"ttl":"<ttl>"}}}',
  'ub {"push":{"refresh":{"expires":true,"ttl":"<ttl>"}}}',
  'ub {"id":2,"refresh":{"expires":true,"ttl":"<ttl>"}}',
  'ua close 3005',
];

describe('connection expiry: the mock', () => {
  it('closes with 3005 after expiry and delay; a client refresh keeps it open', async () => {
    const mock = await startWsTestServer(config);
    try {
      expect(await story(mock.url, mock.wsUrl)).toEqual(WANT);
    } finally {
      await mock.stop();
    }
  });
});

describeWithCentrifugo('connection expiry: the real v6.9.1', () => {
  it('closes with 3005 after expiry and delay; a client refresh keeps it open', async () => {
    const real = await startCentrifugo(config);
    try {
      expect(await story(real.url, real.wsUrl)).toEqual(WANT);
    } finally {
      await real.stop();
    }
  });
});
