/**
 * v6 token helpers (issue 13 §10), proved by a real websocket client speaking Centrifugo's JSON
 * protocol to the real v6.9.1: connect with a connection token, subscribe to a private channel
 * with a subscription token; expired tokens get 109, a wrong secret a 3500 close.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  TOKEN_SECRET,
  describeWithCentrifugo,
  startCentrifugo,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
import { CentUsageError, Client } from '../../src/v6/index.js';
import { createConnectionToken, createSubscriptionToken } from '../../src/v6/tokens/index.js';
import { rejectionOf } from '../support/net.js';
import { Session } from './support/ws-session.js';

const KEY = { secret: TOKEN_SECRET };

describe('token helpers (no server)', () => {
  it('sign HS256 by default, HS384/HS512 on request, with the claims given', async () => {
    const token = await createConnectionToken(
      { sub: 'u1', expiresIn: 60, info: { name: 'Ann' }, channels: ['news'] },
      KEY,
    );
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'u1', info: { name: 'Ann' }, channels: ['news'] });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(60);
    for (const algorithm of ['HS384', 'HS512'] as const) {
      expect(
        decodeProtectedHeader(await createSubscriptionToken({ sub: 'u1', channel: '$c' }, { ...KEY, algorithm })).alg,
      ).toBe(algorithm);
    }
  });

  it.each([
    ['no sub', () => createConnectionToken({} as never, KEY), /sub \(the user id\) must be a string/],
    [
      'exp and expiresIn',
      () => createConnectionToken({ sub: 'u', exp: 1, expiresIn: 5 }, KEY),
      /exp or expiresIn, not both/,
    ],
    [
      'a fractional exp',
      () => createConnectionToken({ sub: 'u', exp: 1.5 }, KEY),
      /exp must be a whole number of seconds/,
    ],
    [
      'a channel in a connection token',
      () => createConnectionToken({ sub: 'u', channel: 'x' } as never, KEY),
      /must not have a channel claim/,
    ],
    [
      'no channel in a subscription token',
      () => createSubscriptionToken({ sub: 'u' } as never, KEY),
      /channel must be the channel name/,
    ],
    ['an empty secret', () => createConnectionToken({ sub: 'u' }, { secret: '' }), /secret must be a non-empty/],
    [
      'an RSA algorithm',
      () => createConnectionToken({ sub: 'u' }, { ...KEY, algorithm: 'RS256' as never }),
      /HS256, HS384 or HS512/,
    ],
  ])('refuse %s with a CentUsageError', async (_label, make, message) => {
    const error = await rejectionOf(make());
    expect(error).toBeInstanceOf(CentUsageError);
    expect((error as Error).message).toMatch(message);
  });
});

describeWithCentrifugo('tokens against the real Centrifugo v6.9.1 over a websocket', () => {
  let server: RealCentrifugo;
  const sessions: Session[] = [];
  const session = (): Session => {
    const s = new Session(server.wsUrl);
    sessions.push(s);
    return s;
  };
  beforeAll(async () => {
    server = await startCentrifugo();
  });
  afterAll(async () => {
    for (const s of sessions) s.close();
    await server?.stop();
  });

  it('a connection token connects as its user, with its channels and info', async () => {
    const user = `user-${randomUUID().slice(0, 6)}`;
    const room = `pres:${randomUUID().slice(0, 6)}`;
    const token = await createConnectionToken(
      { sub: user, expiresIn: 600, info: { name: 'Ann' }, channels: [room] },
      KEY,
    );
    const s = session();
    await s.send({ id: 1, connect: { token, name: 'centkit-test' } });
    const reply = (await s.next()) as {
      id: number;
      connect: { client: string; version: string; expires: boolean; subs: Record<string, unknown> };
    };
    expect(reply).toMatchObject({ id: 1, connect: { version: '6.9.1 OSS', expires: true } });
    expect(Object.keys(reply.connect.subs)).toEqual([room]);
    const api = new Client({ url: server.url, apiKey: API_KEY, validateReplies: true });
    const presence = await api.presence({ channel: room });
    expect(presence.presence[reply.connect.client]).toMatchObject({ user, conn_info: { name: 'Ann' } });
    await api.close();
  });

  it('a subscription token subscribes to a private channel, which refuses a subscribe without one', async () => {
    const user = 'sub-user';
    const channel = `$private-${randomUUID().slice(0, 6)}`;
    const s = session();
    await s.send({ id: 1, connect: { token: await createConnectionToken({ sub: user }, KEY) } });
    expect(await s.next()).toMatchObject({ id: 1, connect: {} });
    await s.send({ id: 2, subscribe: { channel } });
    expect(await s.next()).toMatchObject({ id: 2, error: { code: 103, message: 'permission denied' } });
    const token = await createSubscriptionToken({ sub: user, channel, expiresIn: 600 }, KEY);
    await s.send({ id: 3, subscribe: { channel, token } });
    expect(await s.next()).toMatchObject({ id: 3, subscribe: { expires: true } });
  });

  it('an expired connection token gets error 109', async () => {
    const s = session();
    await s.send({
      id: 1,
      connect: { token: await createConnectionToken({ sub: 'late', exp: Math.floor(Date.now() / 1000) - 60 }, KEY) },
    });
    expect(await s.next()).toEqual({ id: 1, error: { code: 109, message: 'token expired' } });
  });

  it('an expired subscription token gets error 109', async () => {
    const s = session();
    await s.send({ id: 1, connect: { token: await createConnectionToken({ sub: 'u' }, KEY) } });
    await s.next();
    const channel = '$late';
    await s.send({
      id: 2,
      subscribe: { channel, token: await createSubscriptionToken({ sub: 'u', channel, exp: 1 }, KEY) },
    });
    expect(await s.next()).toMatchObject({ id: 2, error: { code: 109 } });
  });

  it('a token signed with another secret closes the connection with 3500', async () => {
    const s = session();
    await s.send({ id: 1, connect: { token: await createConnectionToken({ sub: 'u' }, { secret: 'not-s1' }) } });
    expect(await s.next()).toEqual({ closed: { code: 3500, reason: 'invalid token' } });
  });
});
