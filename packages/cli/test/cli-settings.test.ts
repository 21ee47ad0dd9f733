/**
 * Where settings and params come from, through the real `cent`: flags over CENT_* variables
 * over the `.centrc` section (with [DEFAULT] and interpolation), and --params over stdin.
 * Two mocks with different secrets tell which address and secret a request really used.
 */
import { spawn } from 'node:child_process';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../client/test/support/net.js';
import { CENT_BIN, lines, runCent } from './support/cent-process.js';
import { tempHome } from './support/temp-home.js';

let a: MockCentrifugo;
let b: MockCentrifugo;
let home: Awaited<ReturnType<typeof tempHome>>;

beforeAll(async () => {
  a = await startMockCentrifugo({ secret: 'secret-a' });
  b = await startMockCentrifugo({ secret: 'secret-b' });
  home = await tempHome(
    [
      '[DEFAULT]',
      'secret = secret-a',
      `port = ${a.port}`,
      '[local]',
      `address = ${a.url}`,
      '[interpolated]',
      'address = http://127.0.0.1:%(port)s',
      '[onlyaddress]',
      `address = ${a.url}`,
      'secret = wrong',
      '[slow]',
      `address = ${a.url}`,
      'timeout = 0.2',
      '',
    ].join('\n'),
  );
  await home.write('other.ini', `[elsewhere]\naddress = ${b.url}\nsecret = secret-b\n`);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await home.dispose();
});
beforeEach(() => {
  for (const mock of [a, b]) {
    mock.reset();
    mock.clearFaults();
  }
});

/** Which mock got the request: 'a', 'b' or '-' (none). */
function served(): string {
  return a.commands().length > 0 ? 'a' : b.commands().length > 0 ? 'b' : '-';
}

describe('settings: flags over environment over the config file', () => {
  it('uses the section, with [DEFAULT] inherited and %(name)s expanded', async () => {
    for (const section of ['local', 'interpolated']) {
      a.clearCommands();
      const run = await runCent([section, 'channels'], { home: home.dir });
      expect(run, section).toMatchObject({ code: 0, stderr: '' });
      expect(served()).toBe('a');
    }
  });

  it('lets CENT_ADDRESS and CENT_SECRET override the section, and flags override both', async () => {
    const env = { CENT_ADDRESS: b.url, CENT_SECRET: 'secret-b' };
    expect(await runCent(['local', 'channels'], { home: home.dir, env })).toMatchObject({ code: 0 });
    expect(served()).toBe('b');
    b.clearCommands();
    expect(
      await runCent(['local', 'channels', '--address', a.url, '--secret', 'secret-a'], { home: home.dir, env }),
    ).toMatchObject({ code: 0 });
    expect(served()).toBe('a');
  });

  it('mixes sources per setting, and says which with --verbose (never the secret)', async () => {
    const run = await runCent(['onlyaddress', 'channels', '-v'], { home: home.dir, env: { CENT_SECRET: 'secret-a' } });
    expect(run.code).toBe(0);
    expect(lines(run.stderr)).toEqual([
      `* server ${a.url}/api/ (address from [onlyaddress] of ~/.centrc); secret from CENT_SECRET; timeout 2 s (default)`,
      '* params from stdin',
      `* POST ${a.url}/api/ with 1 command: channels`,
      expect.stringMatching(/^\* reply in \d+ ms$/),
    ]);
    expect(run.stderr).not.toContain('secret-a');
  });

  it('ignores an empty CENT_ variable', async () => {
    expect(
      await runCent(['local', 'channels'], { home: home.dir, env: { CENT_ADDRESS: '', CENT_SECRET: '' } }),
    ).toMatchObject({ code: 0 });
    expect(served()).toBe('a');
  });

  it('needs no config file at all with flags or environment', async () => {
    expect(await runCent(['channels'], { env: { CENT_ADDRESS: b.url, CENT_SECRET: 'secret-b' } })).toMatchObject({
      code: 0,
      stderr: '',
    });
    expect(await runCent(['channels', '--address', b.url, '--secret', 'secret-b'])).toMatchObject({
      code: 0,
      stderr: '',
    });
    expect(b.commands()).toHaveLength(2);
  });

  it('reads --config FILE, expanding ~', async () => {
    expect(await runCent(['elsewhere', 'channels', '--config', '~/other.ini'], { home: home.dir })).toMatchObject({
      code: 0,
      stderr: '',
    });
    expect(served()).toBe('b');
  });

  it('takes the timeout from the section, CENT_TIMEOUT over it, --timeout over both', async () => {
    const slow = (): void => void a.injectFault({ type: 'latency', ms: 700, times: 1 });
    slow();
    expect((await runCent(['slow', 'channels'], { home: home.dir })).code).toBe(8);
    slow();
    expect((await runCent(['slow', 'channels'], { home: home.dir, env: { CENT_TIMEOUT: '5' } })).code).toBe(0);
    slow();
    const run = await runCent(['slow', 'channels', '--timeout', '0.1', '-v'], {
      home: home.dir,
      env: { CENT_TIMEOUT: '5' },
    });
    expect(run.code).toBe(8);
    expect(run.stderr).toContain('timeout 0.1 s (--timeout)');
    // The mock records a delayed command when it runs it, after cent gave up: wait for all
    // three, so none lands in the next test.
    await waitFor(() => a.commands().length === 3, 3000);
  });
});

describe('params: --params, else stdin when it is not a terminal', () => {
  const env = (): Record<string, string> => ({ CENT_ADDRESS: a.url, CENT_SECRET: 'secret-a' });

  it('reads JSON from stdin', async () => {
    expect(
      await runCent(['publish'], { env: env(), stdin: '{"channel":"news","data":{"x":"stdin"}}\n' }),
    ).toMatchObject({ code: 0 });
    expect(a.commands()).toEqual([expect.objectContaining({ params: { channel: 'news', data: { x: 'stdin' } } })]);
  });

  it('takes empty or blank stdin as {}', async () => {
    for (const stdin of ['', '  \n\t\n'])
      expect(await runCent(['stats'], { env: env(), stdin })).toMatchObject({ code: 0 });
    expect(a.commands().map((c) => c.params)).toEqual([{}, {}]);
  });

  it('prefers an explicit --params to stdin (cent let stdin replace it)', async () => {
    expect(
      await runCent(['publish', '--params', '{"channel":"flag","data":1}'], {
        env: env(),
        stdin: '{"channel":"stdin","data":1}',
      }),
    ).toMatchObject({ code: 0 });
    expect(a.commands()).toEqual([expect.objectContaining({ params: { channel: 'flag', data: 1 } })]);
  });

  it('does not read stdin at all with --params, so an open stdin does not hang it', async () => {
    const child = spawn(process.execPath, [CENT_BIN, 'channels', '--params', '{}'], {
      env: { PATH: process.env['PATH'] ?? '', ...env() },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  });

  it('reads stdin for --params -', async () => {
    expect(
      await runCent(['publish', '--params', '-'], { env: env(), stdin: '{"channel":"dash","data":2}' }),
    ).toMatchObject({ code: 0 });
    expect(a.commands()).toEqual([expect.objectContaining({ params: { channel: 'dash', data: 2 } })]);
  });
});
