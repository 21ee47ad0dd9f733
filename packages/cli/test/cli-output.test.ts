/**
 * What cent prints, through the real binary: compact JSON lines when piped, pretty JSON on a
 * terminal (run under script(1)), the reply bytes as received with --raw, and --batch as ONE
 * request with one reply line per command.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateApiSign } from '@centkit/client';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CENT_BIN, lines, NO_HOME, runCent } from './support/cent-process.js';
import { tempHome } from './support/temp-home.js';

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
let mock: MockCentrifugo;
let env: Record<string, string>;

beforeAll(async () => {
  mock = await startMockCentrifugo({
    secret: 's',
    config: { namespaces: [{ name: 'public', history_size: 5, history_lifetime: 60, presence: true }] },
  });
  env = { CENT_ADDRESS: mock.url, CENT_SECRET: 's' };
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.clearFaults();
});

describe('output', () => {
  it('is one compact JSON line per command when piped', async () => {
    mock.addClient({ user: '1', channels: ['news'] });
    expect(await runCent(['channels'], { env })).toEqual({
      code: 0,
      stdout: '{"method":"channels","error":null,"body":{"data":["news"]}}\n',
      stderr: '',
    });
  });

  it.skipIf(!hasScript)('is pretty JSON on a terminal, where stdin is a terminal too (params {})', async () => {
    mock.addClient({ user: '1', channels: ['news'] });
    const run = await runCent(['channels'], { env, tty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${JSON.stringify({ method: 'channels', error: null, body: { data: ['news'] } }, null, 2)}\n`.replaceAll(
        '\n',
        '\r\n',
      ),
    );
  });

  it.skipIf(!hasScript)('takes --params on a terminal, and puts the error line after the reply', async () => {
    const run = await runCent(['publish', '--params', '{"channel":"nope:x","data":1}'], { env, tty: true });
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      '{',
      '  "method": "publish",',
      '  "error": "namespace not found",',
      '  "advice": "fix"',
      '}',
      'cent: publish failed: namespace not found (advice: fix). The reply is on stdout.',
    ]);
    expect(run.stdout.endsWith('.\r\n')).toBe(true);
  });

  it('stops quietly, keeping its exit code, when the reader of stdout goes away', async () => {
    const batch = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ method: 'publish', params: { channel: 'news', data: i } }),
    ).join('\n');
    const script = `node ${JSON.stringify(CENT_BIN)} --batch - | head -n 1 >/dev/null; echo "exit \${PIPESTATUS[0]}"`;
    // Asynchronously: the mock answering cent lives in this process.
    const child = spawn('bash', ['--norc', '--noprofile', '-c', script], {
      env: { PATH: process.env['PATH'] ?? '', HOME: NO_HOME, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(batch);
    await new Promise((resolve) => child.on('close', resolve));
    expect({ stdout, stderr }).toEqual({ stdout: 'exit 0\n', stderr: '' });
  });

  it('--raw prints the reply body byte for byte, as a direct request gets it', async () => {
    mock.addClient({ user: '1', client: 'c1', channels: ['public:chat'] });
    const params = { channel: 'public:chat' };
    const data = JSON.stringify([{ method: 'presence', params }]);
    const direct = await fetch(`${mock.url}/api/`, {
      method: 'POST',
      body: new URLSearchParams({ sign: generateApiSign('s', data), data }),
    });
    const expected = await direct.text();
    const run = await runCent(['presence', '--raw', '--params', JSON.stringify(params)], { env });
    expect(run).toEqual({ code: 0, stdout: expected, stderr: '' });
    expect(expected.endsWith('\n')).toBe(false);
  });

  it('--raw judges the printed body itself: the array of one object per command is no malformed reply', async () => {
    // The client would refuse these (no body; a reply for another method); --raw prints them and exits by their errors.
    mock.injectFault({ type: 'status', status: 200, body: '[{"method":"publish"}]', times: 1 });
    expect(await runCent(['publish', '--raw', '--params', '{"channel":"public:x","data":1}'], { env })).toEqual({
      code: 0,
      stdout: '[{"method":"publish"}]',
      stderr: '',
    });
    mock.injectFault({ type: 'status', status: 200, body: '[{"method":"stats","error":"nope"}]', times: 1 });
    const run = await runCent(['publish', '--raw', '--params', '{"channel":"public:x","data":1}'], { env });
    expect(run).toMatchObject({ code: 1, stdout: '[{"method":"stats","error":"nope"}]' });
  });

  it('--raw still exits 1 when a reply carries an error', async () => {
    const run = await runCent(['publish', '--raw', '--params', '{"channel":"nope:x","data":1}'], { env });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ error: 'namespace not found' })]);
  });
});

describe('--batch', () => {
  const batch = [
    '{"method":"publish","params":{"channel":"public:chat","data":{"n":1}}}',
    '',
    '{"method":"publish","params":{"channel":"nope:chat","data":{"n":2}}}',
    '{"method":"history","params":{"channel":"public:chat"}}',
    '{"method":"stats"}',
  ].join('\n');

  it("sends a file's commands as ONE request and prints one reply per command, in order", async () => {
    const home = await tempHome(`[local]\naddress = ${mock.url}\nsecret = s\n`);
    try {
      const file = await home.write('batch.jsonl', `${batch}\n`);
      const run = await runCent(['local', '--batch', file], { home: home.dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        "cent: 1 of 4 commands failed, first (batch line 3) publish: namespace not found (advice: fix). Each command's reply is on stdout, one per line, in order.\n",
      );
      const replies = lines(run.stdout).map(
        (l) => JSON.parse(l) as { method: string; error: string | null; body?: unknown },
      );
      expect(replies.map((r) => [r.method, r.error])).toEqual([
        ['publish', null],
        ['publish', 'namespace not found'],
        ['history', null],
        ['stats', null],
      ]);
      expect(replies[2]?.body).toMatchObject({ data: [{ data: { n: 1 } }] });
      expect(new Set(mock.commands().map((c) => c.requestId)).size).toBe(1);
    } finally {
      await home.dispose();
    }
  });

  it('reads the batch from stdin with -, exits 0 when every command succeeded, and never splits it', async () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      JSON.stringify({ method: 'publish', params: { channel: 'public:many', data: i } }),
    ).join('\n');
    const run = await runCent(['--batch', '-'], { env, stdin: many });
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toHaveLength(150);
    expect(new Set(mock.commands().map((c) => c.requestId)).size).toBe(1);
  });

  it('--batch --raw prints the one reply body', async () => {
    const run = await runCent(['--batch', '-', '--raw'], { env, stdin: '{"method":"channels"}\n{"method":"stats"}\n' });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { method: string }[]).map((r) => r.method)).toEqual(['channels', 'stats']);
  });

  it('reports a hard 400 for the whole batch: the commands before the bad one may have run', async () => {
    const run = await runCent(['--batch', '-', '--no-validate'], {
      env,
      stdin: '{"method":"publish","params":{"channel":"public:x","data":1}}\n{"method":"nosuch"}\n',
    });
    expect(run.code).toBe(7);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^cent: the server refused the request \(HTTP 400 from .*\): unknown method or params it cannot decode; commands of this request before the bad one may have run\. /,
    );
    // The publish before the unknown method did run (Centrifugo runs commands in order, not atomically).
    expect(mock.history('public:x')).toHaveLength(1);
  });
});
