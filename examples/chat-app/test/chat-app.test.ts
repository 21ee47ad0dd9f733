/**
 * The chat app end to end against the v6 mock, started from the app's own Centrifugo config
 * (centrifugo.json): in Node, a subscriber (the real centrifuge SDK) receives what a user posted
 * through the backend; in headless Chromium, two pages of the real app see each other's messages
 * and who is online; the mock's controls show a lost push and Centrifugo being down.
 */
import { readFileSync } from 'node:fs';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMockCentrifugoV6 } from '@centkit/mock/v6/vitest';
import { describeWithChromium, launchChromium, type Browser } from '../../../test/support/browser.js';
import { startChatApp, type ChatApp } from '../src/index.js';

const config = JSON.parse(readFileSync(new URL('../centrifugo.json', import.meta.url), 'utf8')) as {
  http_api: { key: string };
  client: { token: { hmac_secret_key: string } };
};
const centrifugo = useMockCentrifugoV6({ config, strict: true });

let app: ChatApp;
beforeAll(async () => {
  app = await startChatApp({
    centrifugoUrl: centrifugo.url,
    apiKey: config.http_api.key,
    tokenSecret: config.client.token.hmac_secret_key,
  });
});
afterAll(async () => app.close());

const post = (path: string, body: unknown) =>
  fetch(`${app.url}${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('chat app against the mock (Node)', () => {
  it('a subscriber receives what a user posted through the backend', async () => {
    const { token, wsUrl } = (await (await post('/session', { user: 'ann' })).json()) as {
      token: string;
      wsUrl: string;
    };
    expect(wsUrl).toBe(centrifugo.wsUrl);
    const client = new Centrifuge(wsUrl, { websocket: WebSocket, token });
    const sub = client.newSubscription('chat:lobby');
    const got = new Promise((resolve) => sub.on('publication', (ctx) => resolve(ctx.data)));
    sub.subscribe();
    client.connect();
    await sub.ready(5000);
    expect((await post('/rooms/lobby/messages', { user: 'bob', text: 'hello' })).status).toBe(202);
    expect(await got).toEqual({ user: 'bob', text: 'hello' });
    expect(centrifugo.commands({ method: 'publish' }).map((c) => c.params)).toEqual([
      { channel: 'chat:lobby', data: { user: 'bob', text: 'hello' } },
    ]);
    client.disconnect();
  });

  it('answers 503 when Centrifugo is down, 400 to a bad message, and calls Centrifugo for neither', async () => {
    centrifugo.injectFault({ type: 'drop', times: 1 });
    expect((await post('/rooms/lobby/messages', { user: 'bob', text: 'lost' })).status).toBe(503);
    expect((await post('/rooms/lobby/messages', { user: 'bob' })).status).toBe(400);
    expect((await post('/session', { user: 'not a name!' })).status).toBe(400);
  });
});

describeWithChromium('chat app in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  async function join(user: string) {
    const page = await browser.context.newPage();
    await page.goto(app.url);
    await page.fill('#user', user);
    await page.click('#join button');
    await page.waitForSelector('body[data-state="subscribed"]', { state: 'attached', timeout: 10_000 });
    return page;
  }

  it("two pages see each other online and each other's messages; a dropped push is not shown", async () => {
    const ann = await join('ann');
    const bob = await join('bob');
    await ann.waitForFunction("document.getElementById('online').textContent === 'online: ann, bob'", undefined, {
      timeout: 10_000,
    });
    await bob.fill('#text', 'hi ann');
    await bob.click('#say button');
    await ann.waitForSelector('#messages li', { timeout: 10_000 });
    expect(await ann.locator('#messages li').allTextContents()).toEqual(['bob: hi ann']);

    centrifugo.injectPushFault({
      type: 'drop',
      channel: 'chat:lobby',
      client: centrifugo.wsConnections().find((c) => c.user === 'ann')?.client as string,
      times: 1,
    });
    await bob.fill('#text', 'lost for ann');
    await bob.click('#say button');
    await bob.waitForFunction("document.querySelectorAll('#messages li').length === 2", undefined, { timeout: 10_000 });
    await bob.fill('#text', 'and again');
    await bob.click('#say button');
    await ann.waitForFunction("document.querySelectorAll('#messages li').length === 2", undefined, { timeout: 10_000 });
    expect(await ann.locator('#messages li').allTextContents()).toEqual(['bob: hi ann', 'bob: and again']);
    expect(await bob.locator('#messages li').allTextContents()).toEqual([
      'bob: hi ann',
      'bob: lost for ann',
      'bob: and again',
    ]);
  }, 60_000);

  it("a page joining later gets the room's history", async () => {
    await post('/rooms/lobby/messages', { user: 'bob', text: 'earlier' });
    const cid = await join('cid');
    await cid.waitForSelector('#messages li', { timeout: 10_000 });
    expect(await cid.locator('#messages li').allTextContents()).toEqual(['bob: earlier']);
  }, 60_000);
});
