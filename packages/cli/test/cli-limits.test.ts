/**
 * What `cent` reads and sends is bounded. A batch over Go's 10 MiB form limit goes as several
 * requests the server can read (it used to be one that could never succeed, reported as
 * "commands may have run"); one command over it is refused before sending, and goes with
 * `--encoding json`. Batch files are streamed; the config file and stdin are read with a bound,
 * and a config FIFO nobody writes to times out.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from '../../client/test/support/net.js';
import { MAX_FORM_BODY_BYTES } from '../src/input/limits.js';
import { formEncodedLength } from '../src/send/request-size.js';
import { CENT_BIN, lines, runCent } from './support/cent-process.js';
import { tempHome } from './support/temp-home.js';

const SECRET = 'limits-secret';
let mock: MockCentrifugo;
let home: Awaited<ReturnType<typeof tempHome>>;
const env = (): Record<string, string> => ({ CENT_ADDRESS: mock.url, CENT_SECRET: SECRET });

/** `count` publishes whose data is `size` characters that the form encoding triples. */
function batchText(count: number, size: number, extra = ''): string {
  const data = '{'.repeat(size);
  return (
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({ method: 'publish', params: { channel: 'news', data: { i, data } } }),
    ).join('\n') + `\n${extra}`
  );
}

beforeAll(async () => {
  mock = await startMockCentrifugo({ secret: SECRET });
  home = await tempHome(`[local]\naddress = ${'http://127.0.0.1:1'}\nsecret = ${SECRET}\n`);
});
afterAll(async () => {
  await mock.close();
  await home.dispose();
});
beforeEach(() => mock.reset());

describe('request size', () => {
  it('counts form bytes as the WHATWG urlencoded serializer writes them', () => {
    for (const text of [
      '',
      'abc',
      'a b*-._~',
      '{"x":"ü 😀"}',
      "!'()~",
      '\ud800x',
      'x\udc00\ud800',
      '\u0800\uffff',
      '[{"method":"publish"}]',
    ]) {
      expect(formEncodedLength(text), text).toBe(new URLSearchParams({ d: text }).toString().length - 2);
    }
  });

  it('a batch over 10 MiB form-encoded goes as several requests, each answered, in order', async () => {
    const count = 4000;
    const text = batchText(count, 1000);
    expect(formEncodedLength(`[${text.trim().split('\n').join(',')}]`)).toBeGreaterThan(MAX_FORM_BODY_BYTES);
    const file = await home.write('big.jsonl', text);
    for (const source of ['file', 'stdin'] as const) {
      mock.reset();
      const run = await runCent(['--batch', source === 'file' ? file : '-', '--verbose'], {
        env: env(),
        ...(source === 'stdin' ? { stdin: text } : {}),
      });
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run.stdout)).toHaveLength(count);
      expect(new Set(lines(run.stdout))).toEqual(new Set(['{"method":"publish","error":null,"body":null}']));
      expect(run.stderr).toMatch(/\(request 2\) with \d+ commands/);
      const recorded = mock.commands();
      expect(recorded).toHaveLength(count);
      expect(recorded.map((c) => (c.params as { data: { i: number } }).data.i)).toEqual(
        Array.from({ length: count }, (_, i) => i),
      );
    }
  });

  it('one command over 10 MiB form-encoded is refused before sending; --encoding json sends it', async () => {
    const params = JSON.stringify({ channel: 'news', data: '{'.repeat(4 << 20) });
    const file = await home.write('huge.json', params);
    const refused = await runCent(['publish', '--params', '-'], { env: env(), stdin: params });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(
      /^cent: the publish request is 12\.0 MiB form-encoded, more than the 10\.0 MiB of a form body Centrifugo reads \(it would answer 400 and run nothing\)\. Send it with --encoding json/,
    );
    expect(mock.commands()).toHaveLength(0);
    const sent = await runCent(['publish', '--params', '-', '--encoding', 'json'], { env: env(), stdin: params });
    expect(sent.code, sent.stderr).toBe(0);
    expect(mock.commands()).toHaveLength(1);
    rmSync(file);
  });

  it('a 400 on a later request says that the earlier requests ran', async () => {
    const text = batchText(4000, 1000, '{"method":"nosuchmethod"}\n');
    const file = await home.write('bad-tail.jsonl', text);
    const run = await runCent(['--batch', file, '--no-validate'], { env: env() });
    expect(run.code).toBe(7);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^cent: request 2 of the batch failed: the server refused the request \(HTTP 400 from .*\): unknown method or params it cannot decode; commands of this request before the bad one may have run; the \d+ commands before it \(up to batch line \d+\) ran in earlier requests and their replies are on stdout\./,
    );
    const printed = lines(run.stdout).length;
    expect(printed).toBeGreaterThan(0);
    expect(run.stderr).toContain(`the ${printed} commands before it (up to batch line ${printed})`);
  });

  it('a bad line in a batch file: nothing is sent; on stdin, after earlier requests: it says what was sent', async () => {
    const text = batchText(4000, 1000, '{"method":"publish","params":{}}\n');
    const file = await home.write('bad-last.jsonl', text);
    const fromFile = await runCent(['--batch', file], { env: env() });
    expect(fromFile.code).toBe(4);
    expect(fromFile.stderr).toMatch(
      /^cent: invalid params for publish on batch line 4001: \/channel: is required; \/data: is required\. Run cent help publish/,
    );
    expect(fromFile.stdout).toBe('');
    expect(mock.commands()).toHaveLength(0);

    const fromStdin = await runCent(['--batch', '-'], { env: env(), stdin: text });
    expect(fromStdin.code).toBe(4);
    const sent = lines(fromStdin.stdout).length;
    expect(sent).toBeGreaterThan(0);
    expect(fromStdin.stderr).toMatch(
      new RegExp(
        `^cent: invalid params for publish on batch line 4001: /channel: is required; /data: is required; nothing from it on was sent, but the ${sent} commands before it \\(up to batch line ${sent}\\) were, in earlier requests, and their replies are on stdout\\.`,
      ),
    );
    expect(mock.commands()).toHaveLength(sent);
  });

  it('a batch file is streamed: 300,000 lines are read by a cent with a 48 MB heap', async () => {
    const file = path.join(home.dir, 'long.jsonl');
    writeFileSync(file, batchText(300_000, 40));
    const address = `http://127.0.0.1:${await closedPort()}`;
    // Checked whole, then sent: the first request is refused, after every line was read.
    const run = spawnSync(
      process.execPath,
      ['--max-old-space-size=48', CENT_BIN, '--batch', file, '--address', address, '--secret', 'x'],
      { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } },
    );
    expect(run.status, run.stderr.slice(0, 300)).toBe(5);
    expect(run.stderr).toMatch(/^cent: cannot reach .*: connection refused\./);
    rmSync(file);
  });
});

describe('config and stdin', () => {
  it('a config FIFO that nobody writes to times out; one that is written is read', async () => {
    const fifo = path.join(home.dir, 'config.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const waited = await runCent(['local', 'publish', '--params', '{"channel":"a","data":1}', '--config', fifo], {
      env: {},
    });
    expect(waited.code).toBe(3);
    expect(waited.stderr).toMatch(
      /^cent: config file .*config\.fifo is a pipe that nothing wrote to and closed within 3 s\. Write the config into it, or give a regular file\.\n$/,
    );

    const written = runCent(['local', 'publish', '--params', '{"channel":"a","data":1}', '--config', fifo], {
      env: {},
    });
    const writer = spawn('sh', [
      '-c',
      `sleep 0.3; printf '[local]\\naddress = ${mock.url}\\nsecret = ${SECRET}\\n' > "${fifo}"`,
    ]);
    const writerDone = new Promise((resolve) => writer.once('close', resolve));
    const run = await written;
    await writerDone;
    expect(run.code, run.stderr).toBe(0);
    expect(mock.commands()).toHaveLength(1);
  });

  it('a config file that never ends (/dev/zero) is refused after 1 MiB', async () => {
    const run = await runCent(['local', 'publish', '--config', '/dev/zero'], { env: {} });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'cent: config file /dev/zero is larger than 1 MiB, which no .centrc is. Point --config at the INI file with the sections.\n',
    );
  });

  it('params on stdin over 64 MiB are refused without reading on', async () => {
    const run = await runCent(['publish'], { env: env(), stdin: ' '.repeat((64 << 20) + 1) });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^cent: params from stdin is larger than 64 MiB, more than any request can carry\./);
    expect(mock.commands()).toHaveLength(0);
  });
});
