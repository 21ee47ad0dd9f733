/** The `centkit-mock` bin, built and run as a child process with a YAML config. */
import { execFileSync, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSign } from '../src/index.js';
import { rawRequest } from './support/http.js';
import { freePort } from './support/redis-server.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const bin = join(pkg, 'bin/centkit-mock.js');

beforeAll(() => {
  execFileSync(process.execPath, [join(pkg, '../../node_modules/typescript/bin/tsc'), '-p', pkg], { stdio: 'inherit' });
}, 120_000);

interface Run {
  readonly child: ReturnType<typeof spawn>;
  /** Resolves with the output so far once it has a line (or the program ended). */
  readonly output: Promise<string>;
  readonly exit: Promise<number | null>;
  /** Resolves with the output once it matches `pattern` (or the program ended). */
  until(pattern: RegExp): Promise<string>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let ended = false;
  const waiting: { pattern: RegExp; resolve: (s: string) => void }[] = [];
  const check = () => {
    for (const w of [...waiting]) {
      if (ended || w.pattern.test(out)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(out);
      }
    }
  };
  const until = (pattern: RegExp) => new Promise<string>((resolve) => (waiting.push({ pattern, resolve }), check()));
  child.stdout?.on('data', (d: Buffer) => ((out += d.toString()), check()));
  child.stderr?.on('data', (d: Buffer) => ((out += d.toString()), check()));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => ((ended = true), check(), r(code))));
  return { child, output: until(/\n/), exit, until };
}

describe('centkit-mock', () => {
  it('serves the API with a Centrifugo YAML config and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'centkit-cli-'));
    const config = join(dir, 'centrifugo.yaml');
    writeFileSync(
      config,
      'secret: cli-secret\nname: cli-node\nnamespaces:\n  - name: public\n    history_size: 2\n    history_lifetime: 30\n',
    );
    const port = await freePort();
    const { child, output, exit } = run(['--port', String(port), '--config', config]);
    expect(await output).toContain(`http://127.0.0.1:${port}/api/`);
    const data = '{"method":"node"}';
    const res = await rawRequest({
      port,
      method: 'POST',
      path: '/api/',
      headers: { 'Content-Type': 'application/json', 'X-API-Sign': apiSign('cli-secret', data) },
      body: data,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject([
      { method: 'node', body: { data: { name: 'cli-node', version: '1.8.0' } } },
    ]);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
  it('takes --secret, and warns at start-up without one (16 §12)', async () => {
    const port = await freePort();
    const without = run(['--port', String(port)]);
    const warned = await without.until(/API at/);
    without.child.kill('SIGTERM');
    expect(await without.exit).toBe(0);
    expect(warned).toContain('no secret set in config');
    const { child, until, exit } = run(['--port', String(port), '--secret', 'flag-secret-123']);
    const started = await until(/API at/);
    const data = '{"method":"channels"}';
    const res = await rawRequest({
      port,
      method: 'POST',
      path: '/api/',
      headers: { 'Content-Type': 'application/json', 'X-API-Sign': apiSign('flag-secret-123', data) },
      body: data,
    });
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(started).not.toContain('no secret');
    expect(started).not.toContain('flag-secret-123');
  });
  it('answers --help and --version (16 §15)', async () => {
    const help = run(['--help']);
    expect(await help.exit).toBe(0);
    const text = await help.until(/$/);
    for (const option of [
      '--port',
      '--address',
      '--config',
      '--secret',
      '--insecure_api',
      '--strict',
      '--redis_url',
      '--verbose',
      '--version',
    ])
      expect(text).toContain(option);
    const version = run(['--version']);
    expect(await version.exit).toBe(0);
    expect(await version.until(/$/)).toMatch(/^centkit-mock \d+\.\d+\.\d+ \(Centrifugo 1\.8\.0 server API\)\n$/);
  });
  it('--verbose logs one line per request, without the query or the secret (16 §15)', async () => {
    const port = await freePort();
    const r = run(['--port', String(port), '--secret', 'verbose-secret-9', '--verbose']);
    await r.until(/API at/);
    const data = '{"method":"channels"}';
    const sign = apiSign('verbose-secret-9', data);
    expect(
      (await rawRequest({ port, method: 'GET', path: `/api/?data=${encodeURIComponent(data)}&sign=${sign}` })).status,
    ).toBe(200);
    expect((await rawRequest({ port, method: 'GET', path: '/nowhere' })).status).toBe(404);
    const log = await r.until(/GET \/nowhere 404/);
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(log).toMatch(/GET \/api\/ 200 [\d.]+ ms/);
    expect(log).not.toContain('verbose-secret-9');
    expect(log).not.toContain(sign);
  });
  it('SIGTERM exits at once while a client keeps an idle connection or waits on the control API (16 §15)', async () => {
    const port = await freePort();
    const r = run(['--port', String(port), '--secret', 's']);
    await r.until(/API at/);
    const idle = connect(port, '127.0.0.1');
    idle.on('error', () => undefined);
    await new Promise((resolve) => idle.on('connect', resolve));
    idle.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => idle.once('data', resolve));
    const waiting = rawRequest({
      port,
      method: 'GET',
      path: '/_mock/commands/wait?method=publish&timeout=60000',
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    await waiting;
    idle.destroy();
  });
  it('fails with a clear message on a bad config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'centkit-cli-'));
    const config = join(dir, 'bad.json');
    writeFileSync(config, '{"secret":"x","namespaces":[{"name":"a"}]}');
    const { output, exit } = run(['--port', '0', '--config', config]);
    expect(await exit).toBe(1);
    const text = await output;
    expect(text).toMatch(/^centkit-mock: config namespaces\[0\]\.name: "a" must match/);
    expect(text).not.toContain('"x"');
  });
});
