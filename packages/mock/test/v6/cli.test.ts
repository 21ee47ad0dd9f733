/** `centkit-mock --protocol v6`, built and run as a child process with Centrifugo v6 config files. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWithCentrifugo } from '../../../../test/support/centrifugo-v6.js';
import { freePort } from '../support/redis-server.js';
import { accepts, startCliServer, type CliServerKind } from './support/cli-servers.js';
import { closeAgents, rawRequest } from './support/raw-http.js';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(pkg, 'bin/centkit-mock.js');

beforeAll(() => {
  execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-b', pkg], { stdio: 'inherit' });
}, 120_000);

function run(args: string[]) {
  const child = spawn(process.execPath, [bin, '--protocol', 'v6', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let ended = false;
  const waiting: { pattern: RegExp; resolve: (s: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiting]) {
      if (!ended && !w.pattern.test(out)) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(out);
    }
  };
  child.stdout.on('data', (d: Buffer) => ((out += d.toString()), check()));
  child.stderr.on('data', (d: Buffer) => ((out += d.toString()), check()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => ((ended = true), check(), r(code))));
  return {
    child,
    exit,
    until: (pattern: RegExp) => new Promise<string>((resolve) => (waiting.push({ pattern, resolve }), check())),
  };
}

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'centkit-cli6-')), name);
  writeFileSync(path, text);
  return path;
};

describe('centkit-mock --protocol v6', () => {
  it('serves the v6 API with a TOML config (its port and key), keeps the control API, stops on SIGTERM', async () => {
    const port = await freePort();
    const config = file(
      'config.toml',
      `[http_server]\nport = ${port}\n\n[http_api]\nkey = "cli-key"\n\n[[channel.namespaces]]\nname = "hist"\nhistory_size = 2\nhistory_ttl = "30s"\n`,
    );
    const { child, until, exit } = run(['--config', config]);
    expect(await until(/API at/)).toContain(`http://127.0.0.1:${port}/api/<method>`);
    const url = `http://127.0.0.1:${port}`;
    const published = await rawRequest(
      url,
      'POST',
      '/api/publish',
      [['X-API-Key', 'cli-key']],
      '{"channel":"hist:a","data":{"n":1}}',
    );
    expect(published.status).toBe(200);
    expect(published.body.toString()).toMatch(/^\{"result":\{"offset":1,"epoch":"[A-Za-z]{8}"\}\}$/);
    expect((await rawRequest(url, 'POST', '/api/publish', [['X-API-Key', 'nope']], '{}')).status).toBe(401);
    const commands = JSON.parse((await rawRequest(url, 'GET', '/_mock/commands', [], '')).body.toString()) as {
      commands: { method: string; channels: string[] }[];
    };
    expect(commands.commands).toMatchObject([{ method: 'publish', channels: ['hist:a'] }]);
    closeAgents();
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('refuses a config the real server refuses, with its message; warns without an API key', async () => {
    const bad = run(['--config', file('c.yaml', 'channel:\n  without_namespace:\n    history_size: 3\n'), '-p', '0']);
    expect(await bad.exit).toBe(1);
    expect(await bad.until(/$/)).toContain(
      'centkit-mock: in channel.without_namespace: both history size and history ttl required for history',
    );
    const keyless = run(['--config', file('c.json', '{"http_api":{"key":""},"zzz":1}'), '-p', '0']);
    const started = await keyless.until(/API at/);
    keyless.child.kill('SIGTERM');
    expect(await keyless.exit).toBe(0);
    expect(started).toContain('http_api.key is empty: every API request will be answered 401');
    expect(started).toContain('unknown key in configuration file (zzz)');
  });

  it('answers --help and --version', async () => {
    const help = run(['--help']);
    expect(await help.exit).toBe(0);
    const text = await help.until(/$/);
    for (const option of ['--config', '--port', '--address', '--http_api.insecure', '--strict', '--verbose'])
      expect(text).toContain(option);
    const version = run(['--version']);
    expect(await version.exit).toBe(0);
    expect(await version.until(/$/)).toMatch(/^centkit-mock \d+\.\d+\.\d+ \(Centrifugo 6\.9\.1 OSS server API\)\n$/);
  });
});

/**
 * Where the server listens, and how it answers there, for one command line and config file:
 * `-a`/`--address`, `http_server.address` in the file, keys in any case (viper ignores key case),
 * and a flag over the file. The same case runs on the real v6.9.1 below, which must agree.
 */
interface ListenCase {
  readonly name: string;
  readonly file: string;
  config(port: number): string;
  args(kind: CliServerKind, port: number): string[];
  readonly request: { readonly headers: [string, string][]; readonly body: string };
  readonly expected: { readonly accepts: Record<string, boolean>; readonly status: number; readonly body: string };
}

const PUBLISHED = { status: 200, body: '{"result":{}}' };
const LISTEN_CASES: readonly ListenCase[] = [
  {
    name: '--address and --port (the real server: --http_server.address, --http_server.port)',
    file: 'config.json',
    config: () => '{"http_api":{"key":"ck"},"usage_stats":{"disabled":true}}',
    args: (kind, port) =>
      kind === 'mock'
        ? ['--address', '127.0.0.2', '--port', String(port)]
        : ['--http_server.address', '127.0.0.2', '--http_server.port', String(port)],
    request: { headers: [['X-API-Key', 'ck']], body: '{"channel":"news","data":{"a":1}}' },
    expected: { accepts: { '127.0.0.1': false, '127.0.0.2': true }, ...PUBLISHED },
  },
  {
    name: '-a and -p, the same flags on both',
    file: 'config.json',
    config: () => '{"http_api":{"key":"ck"},"usage_stats":{"disabled":true}}',
    args: (_kind, port) => ['-a', '127.0.0.2', '-p', String(port)],
    request: { headers: [['X-API-Key', 'ck']], body: '{"channel":"news","data":{"a":1}}' },
    expected: { accepts: { '127.0.0.1': false, '127.0.0.2': true }, ...PUBLISHED },
  },
  {
    name: 'http_server.address and port from the file',
    file: 'config.json',
    config: (port) =>
      `{"http_server":{"address":"127.0.0.2","port":${port}},"http_api":{"key":"ck"},"usage_stats":{"disabled":true}}`,
    args: () => [],
    request: { headers: [['X-API-Key', 'ck']], body: '{"channel":"news","data":{"a":1}}' },
    expected: { accepts: { '127.0.0.1': false, '127.0.0.2': true }, ...PUBLISHED },
  },
  {
    name: 'keys in other cases (YAML): HTTP_Server.Address, PORT as a string, Http_Api.Key',
    file: 'config.yaml',
    config: (port) =>
      `HTTP_Server:\n  Address: 127.0.0.2\n  PORT: "${port}"\nHttp_Api:\n  Key: ck\nUsage_Stats:\n  Disabled: true\n`,
    args: () => [],
    request: { headers: [['X-API-Key', 'ck']], body: '{"channel":"news","data":{"a":1}}' },
    expected: { accepts: { '127.0.0.1': false, '127.0.0.2': true }, ...PUBLISHED },
  },
  {
    name: 'keys in other cases (TOML) under flags: -a over HTTP_SERVER.ADDRESS, --http_api.insecure beside Http_Api.Error_Mode',
    file: 'config.toml',
    config: (port) =>
      `[HTTP_SERVER]\nADDRESS = "127.0.0.2"\nPort = ${port}\n\n[Http_Api]\nError_Mode = "transport"\n\n[usage_stats]\ndisabled = true\n`,
    args: () => ['--http_api.insecure', '-a', '127.0.0.1'],
    request: { headers: [], body: '{"channel":"","data":1}' },
    expected: {
      accepts: { '127.0.0.1': true, '127.0.0.2': false },
      status: 400,
      body: '{"code":107,"message":"bad request"}',
    },
  },
];

async function listenOutcome(kind: CliServerKind, c: ListenCase) {
  const port = await freePort();
  const server = await startCliServer(kind, file(c.file, c.config(port)), c.args(kind, port));
  try {
    // The real server says where it serves just before it listens: wait (bounded) for one address.
    const accepting: Record<string, boolean> = {};
    for (let tries = 0; tries < 100 && !Object.values(accepting).includes(true); tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const host of ['127.0.0.1', '127.0.0.2']) accepting[host] = await accepts(host, port);
    }
    const at = Object.entries(accepting).find(([, yes]) => yes)?.[0];
    if (at === undefined) return { accepts: accepting, status: 0, body: '' };
    const r = await rawRequest(`http://${at}:${port}`, 'POST', '/api/publish', c.request.headers, c.request.body);
    return { accepts: accepting, status: r.status, body: r.body.toString() };
  } finally {
    closeAgents();
    await server.stop();
  }
}

describe('centkit-mock --protocol v6: the listen address and key case', () => {
  it.each(LISTEN_CASES)('$name', { timeout: 30_000 }, async (c) => {
    expect(await listenOutcome('mock', c)).toEqual(c.expected);
  });
});

describeWithCentrifugo('the real Centrifugo v6.9.1 with the same command lines and files', () => {
  it.each(LISTEN_CASES)('$name', { timeout: 30_000 }, async (c) => {
    expect(await listenOutcome('real', c)).toEqual(c.expected);
  });
});
