/**
 * End to end in a real browser: headless Chromium opens a page (served here on 127.0.0.1, another
 * origin than the mock, allowed by `client.allowed_origins`) that subscribes with the real
 * `centrifuge` SDK; the test publishes through the v6 client; the page shows the message.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium, launchChromium, sdkBundle, type Browser } from '../../../../../test/support/browser.js';
import { recordingConfig } from '../../../../../test/support/centrifugo-v6.js';
import { SdkEnv } from './support/sdk-env.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>chat</title></head>
<body><ul id="messages"></ul>
<script src="/centrifuge.js"></script>
<script>
  const params = new URLSearchParams(location.hash.slice(1));
  const client = new Centrifuge(params.get('ws'), { token: params.get('token') });
  const sub = client.newSubscription('news');
  sub.on('subscribed', () => { document.body.dataset.state = 'subscribed'; });
  sub.on('publication', (ctx) => {
    const li = document.createElement('li');
    li.textContent = ctx.data.text;
    document.getElementById('messages').append(li);
  });
  sub.subscribe();
  client.connect();
</script></body></html>`;

describeWithChromium('browser end to end', () => {
  let mock: WsTestServer;
  let pages: http.Server;
  let browser: Browser;
  beforeAll(async () => {
    const script = await sdkBundle();
    mock = await startWsTestServer(recordingConfig);
    pages = http.createServer((req, res) => {
      if (req.url === '/centrifuge.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
      else res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pages?.close(resolve));
    await mock?.stop();
  });

  it('a page subscribed with the SDK shows what the backend published', async () => {
    const env = new SdkEnv(mock.url, mock.wsUrl);
    const token = await env.token({ sub: 'browser-user' });
    const page = await browser.context.newPage();
    const origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    await page.goto(`${origin}/#${new URLSearchParams({ ws: mock.wsUrl, token })}`);
    await page.waitForSelector('body[data-state="subscribed"]', { state: 'attached', timeout: 10_000 });
    await env.api.publish({ channel: 'news', data: { text: 'hello from the backend' } });
    await page.waitForSelector('#messages li', { timeout: 10_000 });
    expect(await page.locator('#messages li').allTextContents()).toEqual(['hello from the backend']);
    expect(mock.mock.wsConnections()).toMatchObject([{ user: 'browser-user', connected: true, channels: ['news'] }]);
  }, 60_000);
});
