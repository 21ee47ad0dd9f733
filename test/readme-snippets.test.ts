/**
 * The root README's snippets, run as written: the v6 client snippet against the real Centrifugo
 * v6.9.1 (the one change: its URL, the server listens on a free port) and the token snippet, whose
 * tokens then connect and subscribe to that server; the v6 validators snippet; the 1.x mock
 * snippet with the 1.x client snippet in the place it leaves for "the app" (pointed at
 * `mock.url`), the 1.x validators snippet, and the `cent` snippets (the `.centrc`, the commands,
 * the environment variables) against a started mock with the README's secret.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedSession } from '../packages/client/test/v6/support/ws-session.js';
import {
  API_KEY,
  TOKEN_SECRET,
  describeWithCentrifugo,
  recordingConfig,
  startCentrifugo,
  type RealCentrifugo,
} from './support/centrifugo-v6.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
/** Scripts run from a folder inside the repository, so that `@centkit/*` resolve as in an app. */
const scratch = mkdtempSync(path.join(root, '.tmp-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The fenced blocks of a language, in order. */
function blocks(lang: string): string[] {
  return [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');
}

function runModule(
  name: string,
  code: string,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const file = path.join(scratch, name);
  writeFileSync(file, code);
  return spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: scratch, env: { ...process.env, ...env } });
}

/** The block of `lang` that imports from `module` (exactly: `'@centkit/client'` is not `'@centkit/client/v6'`). */
function blockImporting(module: string, lang = 'js'): string {
  const block = blocks(lang).find((b) => b.includes(`from '${module}'`));
  if (block === undefined) throw new Error(`no ${lang} block of README.md imports ${module}`);
  return block;
}

describeWithCentrifugo('README.md v6 snippets against the real Centrifugo v6.9.1', () => {
  let server: RealCentrifugo;
  // The namespace the client snippet says it needs: `chat`, with history and presence.
  const config = {
    ...recordingConfig,
    channel: { namespaces: [{ name: 'chat', presence: true, history_size: 10, history_ttl: '300s' }] },
  };
  const env = { CENTRIFUGO_HTTP_API_KEY: API_KEY, CENTRIFUGO_CLIENT_TOKEN_HMAC_SECRET_KEY: TOKEN_SECRET };
  beforeAll(async () => {
    server = await startCentrifugo(config);
  });
  afterAll(() => server?.stop());

  it('the client snippet publishes, reads history, sends a typed batch and catches a CentApiError 102', () => {
    const snippet = blockImporting('@centkit/client/v6');
    expect(snippet).toContain("'http://localhost:8000'");
    const script = `${snippet.replace("'http://localhost:8000'", JSON.stringify(server.url))}\nconsole.log(JSON.stringify({ offset, epoch, publications, published, stats }));\n`;
    const run = runModule('client-v6.mjs', script, env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toEqual({
      offset: 1,
      epoch: expect.stringMatching(/^[A-Za-z]{8}$/),
      publications: [{ data: { text: 'hello' }, offset: 1 }],
      published: { ok: true, method: 'publish', result: { offset: 2, epoch: out['epoch'] } },
      stats: { ok: true, method: 'presence_stats', result: { num_clients: 0, num_users: 0 } },
    });
  });

  it('packages/client/README.md: its v6 example runs as its comments say', () => {
    const clientReadme = readFileSync(path.join(root, 'packages/client/README.md'), 'utf8');
    const example =
      [...clientReadme.matchAll(/```js\n([\s\S]*?)```/g)]
        .map((m) => m[1] ?? '')
        .find((b) => b.startsWith('// example-v6.mjs')) ?? '';
    expect(example).toContain("'http://localhost:8000'");
    const run = runModule(
      'example-v6.mjs',
      example.replace("'http://localhost:8000'", JSON.stringify(server.url)),
      env,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('no such namespace: unknown channel\n');
    const [position, counts] = run.stdout.trim().split('\n');
    expect(position).toMatch(/^\d+ [A-Za-z]{8} \[.*\{ text: 'hi' \}/);
    expect(counts).toBe('subscribers: 0');
  });

  it("the token snippets (this README and the client's) make tokens that connect, and subscribe to the private channel", async () => {
    const clientReadme = readFileSync(path.join(root, 'packages/client/README.md'), 'utf8');
    const fromClientReadme = [...clientReadme.matchAll(/```js\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .find((b) => b.includes("from '@centkit/client/v6/tokens'"));
    const snippets = [blockImporting('@centkit/client/v6/tokens'), fromClientReadme ?? ''];
    for (const [i, snippet] of snippets.entries()) {
      const run = runModule(
        `tokens-v6-${i}.mjs`,
        `${snippet}\nconsole.log(JSON.stringify({ connectToken, subscribeToken }));\n`,
        env,
      );
      expect(run.stderr).toBe('');
      const { connectToken, subscribeToken } = JSON.parse(run.stdout) as {
        connectToken: string;
        subscribeToken: string;
      };
      const { session } = await connectedSession(server.wsUrl, connectToken);
      try {
        const channel = /channel: '([^']+)'/.exec(snippet)?.[1] ?? '';
        await session.send({ id: 2, subscribe: { channel, token: subscribeToken } });
        expect(await session.next()).toMatchObject({ id: 2, subscribe: {} });
      } finally {
        session.close();
      }
    }
  });
});

describe('README.md snippets', () => {
  it('the mock snippet with the client snippet inside: the app publishes, reads history, sends a batch', () => {
    const js = blocks('js');
    const client = js.find((b) => b.includes("from '@centkit/client'"));
    const mock = js.find((b) => b.includes("from '@centkit/mock'"));
    expect(client).toBeDefined();
    expect(mock).toContain('// ... point the app at mock.url');
    const app = (client ?? '').replace("'http://localhost:8000'", 'mock.url').replace(/^import .*$/m, '');
    const imports = (client ?? '').match(/^import .*$/m)?.[0] ?? '';
    const script = `${imports}\n${(mock ?? '').replace(/^.*\/\/ \.\.\. point the app at mock\.url.*$/m, `${app}\nconsole.log(JSON.stringify({ published, presence, messages, commands: mock.commands().map((c) => c.method) }));`)}`;
    const run = runModule('app.mjs', script);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      published: { ok: boolean };
      presence: { ok: boolean };
      messages: unknown[];
      commands: string[];
    };
    expect(out.commands).toEqual(['publish', 'history', 'publish', 'presence']);
    expect(out.published.ok).toBe(true);
    expect(out.presence.ok).toBe(true);
    expect(out.messages).toHaveLength(1);
  });

  it('the v6 mock snippet runs the v6 client snippet in the place it leaves for "the app"', () => {
    const client = blockImporting('@centkit/client/v6');
    const mock = blockImporting('@centkit/mock/v6');
    expect(mock).toContain('// ... point the app at mock.url');
    const app = client.replace("'http://localhost:8000'", 'mock.url').replace(/^import .*$/m, '');
    const imports = client.match(/^import .*$/m)?.[0] ?? '';
    const report =
      "console.log(JSON.stringify({ offset, published, stats, commands: mock.commands().map((c) => `${c.method}:${c.outcome}`), publishes: mock.commands({ method: 'publish' }).length }));";
    const script = `${imports}\n${mock.replace(/^.*\/\/ \.\.\. point the app at mock\.url.*$/m, `${app}\n${report}`)}`;
    const run = runModule('app-v6.mjs', script, { CENTRIFUGO_HTTP_API_KEY: 'readme-key' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      offset: 1,
      published: { ok: true, method: 'publish', result: { offset: 2 } },
      stats: { ok: true, method: 'presence_stats', result: { num_clients: 0, num_users: 0 } },
      publishes: 3,
    });
    expect(out['commands']).toEqual(['publish:ok', 'history:ok', 'publish:ok', 'presence_stats:ok', 'publish:error']);
  });

  it('the websocket snippet: the real centrifuge SDK receives what the v6 client published into the v6 mock', () => {
    const snippet = blockImporting('centrifuge');
    const run = runModule('ws-v6.mjs', snippet);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("{ text: 'hello' }\n");
  });

  it('the v6 validators snippet gives what its comments say', () => {
    const snippet = blockImporting('@centkit/validators/v6');
    const calls = [...snippet.matchAll(/^(validate\w*\(.*\));\n\/\/ → (.*)$|^(validate\w*\(.*\)); \/\/ → (.*)$/gm)];
    expect(calls).toHaveLength(2);
    const printed = calls.map((c) => `console.log(JSON.stringify(${c[1] ?? c[3] ?? ''}));`).join('\n');
    const run = runModule('validators-v6.mjs', `${snippet.match(/^import .*$/m)?.[0] ?? ''}\n${printed}`);
    expect(run.status, run.stderr).toBe(0);
    const [first, second] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(first).toMatchObject({
      ok: false,
      errors: [{ path: '/limit', message: 'must be integer', keyword: 'type' }],
    });
    expect(second).toEqual({ ok: true, value: { channel: 'chat:room', limit: 10 } });
  });

  it('the validators snippet gives what its comments say', () => {
    const snippet = blocks('js').find((b) => b.includes("from '@centkit/validators'")) ?? '';
    const calls = [...snippet.matchAll(/^(validate\w*\(.*\));\n\/\/ → (.*)$|^(validate\w*\(.*\)); \/\/ → (.*)$/gm)];
    expect(calls).toHaveLength(2);
    const printed = calls.map((c) => `console.log(JSON.stringify(${c[1] ?? c[3] ?? ''}));`).join('\n');
    const run = runModule('validators.mjs', `${snippet.match(/^import .*$/m)?.[0] ?? ''}\n${printed}`);
    expect(run.status, run.stderr).toBe(0);
    const [first, second] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ok: boolean; errors?: { path: string; message: string }[]; value?: unknown });
    expect(first).toMatchObject({ ok: false, errors: [{ path: '/data', message: 'is required' }] });
    expect(second).toEqual({ ok: true, value: { channel: 'news' } });
  });
});

describe('README.md cent snippets', () => {
  let mock: MockCentrifugo;
  let home: string;
  const cent = path.join(root, 'packages/cli/bin/cent.cjs');
  beforeAll(async () => {
    const ini = blocks('ini')[0] ?? '';
    const secret = /^secret = (.*)$/m.exec(ini)?.[1] ?? '';
    // `news` is a channel with no namespace: history kept by the top-level options.
    mock = await startMockCentrifugo({ secret, config: { history_size: 10, history_lifetime: 300 } });
    home = mkdtempSync(path.join(scratch, 'home-'));
    writeFileSync(path.join(home, '.centrc'), ini.replace('http://localhost:8000', mock.url));
  });
  afterAll(() => mock.close());

  it('every cent command line runs and succeeds, with the .centrc and with the environment variables', async () => {
    const shell = blocks('sh')
      .filter((b) => /^(echo .*\| )?cent /m.test(b))
      .join('\n');
    const lines = shell
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => l !== '');
    expect(lines.filter((l) => /(^|\| )cent /.test(l)).length).toBeGreaterThanOrEqual(4);
    const script = lines
      .map((l) =>
        l.replace('http://localhost:8000', mock.url).replace(/(^|\| )cent /, `$1"${process.execPath}" "${cent}" `),
      )
      .join(' &&\n');
    // Asynchronously: the mock answers from this process.
    const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn('sh', ['-ec', script], {
        env: { PATH: process.env['PATH'] ?? '', HOME: home },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(mock.commands().map((c) => c.method)).toEqual(['publish', 'history', 'publish']);
    expect(execFileSync(process.execPath, [cent, '--version'], { encoding: 'utf8' })).toMatch(/^cent /);
  });
});
