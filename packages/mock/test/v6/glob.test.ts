/**
 * The `channels` pattern matcher (`src/v6/methods/glob.ts`) against the real server's gobwas/glob:
 * one websocket client (user u1) subscribed to a set of channels, then `channels` with many
 * patterns: the real server's list and the matcher's verdict over the same channels agree, and
 * so do the refusals (100).
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  TOKEN_SECRET,
  describeWithCentrifugo,
  startCentrifugo,
  variantConfigs,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
import { compileGlob } from '../../src/v6/methods/glob.js';
import { closeAgents, rawRequest } from './support/raw-http.js';

const CHANNELS = [
  'news',
  'chat',
  'pres:r',
  'pres:room',
  'both:x',
  'hist:a',
  'a*b',
  'x?y',
  '[br]',
  '{c}',
  'a,b',
  'a\\b',
  'nnews',
  'mews',
  'a-z',
  'ab',
  'ba',
  'a.b',
  'Z',
];
const PATTERNS = [
  '*',
  '**',
  'pres:*',
  '*:*',
  'n*',
  '*s',
  '?',
  '??',
  '?ews',
  'n?ws',
  '[mn]ews',
  '[!mn]ews',
  '[a-c]*',
  '[!a-c]*',
  '{news,chat}',
  '{pres,both}:*',
  '{a,b}{a,b}',
  'a\\*b',
  'a*b',
  'x\\?y',
  '\\[br\\]',
  '[[]br]',
  '{c}',
  '\\{c\\}',
  'a,b',
  '{a\\,b}',
  'a\\\\b',
  'a\\b',
  '*\\',
  'n\\ews',
  '[a-a]b',
  '[z-a]',
  '[',
  '[]',
  '[!]',
  '[a',
  '[a-',
  '[a-]',
  '[a-]]',
  '{',
  '{a',
  '}',
  '{a,b',
  'a}',
  ']',
  '*]',
  '[-]*',
  '[\\]]',
  'ab*ba',
  '*a*',
  '',
  'pres:r?*',
  '{{a,b},c}',
  '{,a}b',
  '[.]b',
  'a.b',
  '\u0000',
  'news\u0000zzz',
  '*\u0000zz',
  '\ufffd',
  'Z',
  'z',
  '[A-Z]',
];

describeWithCentrifugo('channels patterns as gobwas/glob matches them', () => {
  let real: RealCentrifugo;
  let socket: WebSocket;
  beforeAll(async () => {
    real = await startCentrifugo(variantConfigs.anonymousClients);
    const token = await new SignJWT({ sub: 'u1' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(TOKEN_SECRET));
    socket = new WebSocket(real.wsUrl);
    const replies: string[] = [];
    socket.on('message', (d: Buffer) => {
      for (const line of d.toString('utf8').split('\n'))
        if (line === '{}') socket.send('{}');
        else replies.push(line);
    });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(
      [
        JSON.stringify({ id: 1, connect: { token } }),
        ...CHANNELS.map((channel, i) => JSON.stringify({ id: i + 2, subscribe: { channel } })),
      ].join('\n'),
    );
    for (let i = 0; i < 100 && replies.length <= CHANNELS.length; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(replies.filter((r) => r.includes('"subscribe":{')).length).toBe(CHANNELS.length);
  });
  afterAll(async () => {
    socket?.close();
    closeAgents();
    await real?.stop();
  });

  it('lists the channels the matcher matches, and refuses the patterns it refuses', async () => {
    let compared = 0;
    for (const pattern of PATTERNS) {
      const r = await rawRequest(real.url, 'POST', '/api/channels', [['X-API-Key', 'k1']], JSON.stringify({ pattern }));
      const body = JSON.parse(r.body.toString('utf8')) as {
        result?: { channels: Record<string, unknown> };
        error?: { code: number };
      };
      const match = pattern === '' ? () => true : compileGlob(pattern);
      if (body.error !== undefined) {
        expect(match, `pattern ${JSON.stringify(pattern)}: the server refuses it`).toBeUndefined();
      } else {
        expect(match, `pattern ${JSON.stringify(pattern)}: the server compiles it`).toBeDefined();
        const mine = CHANNELS.filter((ch) => match?.(ch)).sort();
        expect(mine, `pattern ${JSON.stringify(pattern)}`).toEqual(Object.keys(body.result?.channels ?? {}).sort());
      }
      compared += 1;
    }
    expect(compared).toBe(PATTERNS.length);
  });
});
