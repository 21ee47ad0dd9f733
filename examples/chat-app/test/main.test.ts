/**
 * The app as its README starts it, as processes: `npx centkit-mock --protocol v6 -c
 * centrifugo.json`, then `CENTRIFUGO_URL=... npm start -w @centkit/example-chat-app` (src/main.ts),
 * both on free loopback ports (the only change to the README's lines). The page and the SDK are
 * served; a message posted to the backend reaches a subscriber (the real centrifuge SDK over
 * `ws`) through the mock; both processes are stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(exampleDir, '../..');
const readme = readFileSync(path.join(exampleDir, 'README.md'), 'utf8');
const PATH = `${path.join(repoRoot, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}`;

/** A README command run by `sh` in its own process group; resolves with the first match of `ready` on stdout. */
function start(command: string, cwd: string, ready: RegExp, env: Record<string, string> = {}) {
  const child = spawn('sh', ['-c', command], {
    cwd,
    detached: true,
    env: { ...process.env, PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: string) => {
      output += d;
      const match = ready.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited ${String(code)}: ${output}`)));
  });
  return { child, url };
}

/** Stops a process group started above, and waits for its shell to exit. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

describe('examples/chat-app started as its README says (npm start: src/main.ts)', () => {
  const mockLine = /`(npx centkit-mock --protocol v6 -c centrifugo\.json)`/.exec(readme)?.[1];
  const startLine = /`(CENTRIFUGO_URL=http:\/\/localhost:8000 npm start -w @centkit\/example-chat-app)`/.exec(
    readme,
  )?.[1];
  let mock: ReturnType<typeof start> | undefined;
  let app: ReturnType<typeof start> | undefined;
  let appUrl: string;
  let mockUrl: string;

  beforeAll(async () => {
    expect(mockLine).toBeDefined();
    expect(startLine).toBeDefined();
    mock = start(`${mockLine ?? ''} --port 0`, exampleDir, /control API at (http:\/\/127\.0\.0\.1:\d+)\/_mock\//);
    mockUrl = await mock.url;
    app = start((startLine ?? '').replace('http://localhost:8000', mockUrl), repoRoot, /chat-app: open (http:\S+) /, {
      PORT: '0',
    });
    appUrl = await app.url;
  }, 30_000);
  afterAll(async () => {
    await stop(app?.child);
    await stop(mock?.child);
  });

  it('serves the page and the SDK', async () => {
    const page = await fetch(appUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/chat.js"></script>');
    const sdk = await fetch(`${appUrl}/centrifuge.js`);
    expect(sdk.status).toBe(200);
    expect((await sdk.text()).length).toBeGreaterThan(10_000);
  });

  it('a message posted to the backend reaches a subscriber through Centrifugo', async () => {
    const post = (route: string, body: unknown) =>
      fetch(`${appUrl}${route}`, { method: 'POST', body: JSON.stringify(body) });
    const { token, wsUrl } = (await (await post('/session', { user: 'ann' })).json()) as {
      token: string;
      wsUrl: string;
    };
    expect(wsUrl).toBe(`${mockUrl.replace('http', 'ws')}/connection/websocket`);
    const client = new Centrifuge(wsUrl, { websocket: WebSocket, token });
    try {
      const sub = client.newSubscription('chat:lobby');
      const got = new Promise((resolve) => sub.on('publication', (ctx) => resolve(ctx.data)));
      sub.subscribe();
      client.connect();
      await sub.ready(5000);
      expect((await post('/rooms/lobby/messages', { user: 'bob', text: 'hello' })).status).toBe(202);
      expect(await got).toEqual({ user: 'bob', text: 'hello' });
      const recorded = (await (await fetch(`${mockUrl}/_mock/commands?method=publish`)).json()) as {
        commands: { params: unknown }[];
      };
      expect(recorded.commands.map((c) => c.params)).toEqual([
        { channel: 'chat:lobby', data: { user: 'bob', text: 'hello' } },
      ]);
    } finally {
      client.disconnect();
    }
  });
});
