/** The `centkit-mock` bin, built and run as a child process with a YAML config. */
import { execFileSync, spawn } from 'node:child_process';
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
    writeFileSync(config, 'secret: cli-secret\nname: cli-node\nnamespaces:\n  - name: public\n    history_size: 2\n    history_lifetime: 30\n');
    const port = await freePort();
    const { child, output, exit } = run(['--port', String(port), '--config', config]);
    expect(await output).toContain(`http://127.0.0.1:${port}/api/`);
    const data = '{"method":"node"}';
    const res = await rawRequest({ port, method: 'POST', path: '/api/', headers: { 'Content-Type': 'application/json', 'X-API-Sign': apiSign('cli-secret', data) }, body: data });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject([{ method: 'node', body: { data: { name: 'cli-node', version: '1.8.0' } } }]);
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
    const res = await rawRequest({ port, method: 'POST', path: '/api/', headers: { 'Content-Type': 'application/json', 'X-API-Sign': apiSign('flag-secret-123', data) }, body: data });
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(started).not.toContain('no secret');
    expect(started).not.toContain('flag-secret-123');
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
