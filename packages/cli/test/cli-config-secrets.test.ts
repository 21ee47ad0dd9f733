/**
 * Any setting may hold the secret (typed in the wrong place, pasted into the wrong line): no
 * error shows a value from the config file, the environment or a flag, whichever field it is
 * in. And `~` is never the working directory: with HOME empty, a `.centrc` there is not read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENT_BIN, runCent, type CentOptions } from './support/cent-process.js';
import { tempHome } from './support/temp-home.js';

const SECRET = 'good-secret';
/** Each field's value carries this; none of it may ever be printed. */
const MARK = 'Xyzzy';
let mock: MockCentrifugo;
let home: Awaited<ReturnType<typeof tempHome>>;

beforeAll(async () => {
  mock = await startMockCentrifugo({ secret: SECRET });
  home = await tempHome(
    [
      '[address]',
      `address = ${MARK}-address-s3cr3t`,
      `secret = ${SECRET}`,
      '[address-ref]',
      `address = http://%(${MARK}-ref)s:8000`,
      `secret = ${SECRET}`,
      '[timeout]',
      `address = ${mock.url}`,
      `secret = ${SECRET}`,
      `timeout = ${MARK}-timeout-s3cr3t`,
      '[secret-percent]',
      `address = ${mock.url}`,
      `secret = ${MARK}-50%-s3cr3t`,
      '[secret-ref]',
      `address = ${mock.url}`,
      `secret = ${MARK}-%(${MARK}-s3cr3t)s`,
      '[secret-bad-ref]',
      `address = ${mock.url}`,
      `secret = ${MARK}-%(${MARK}`,
      '[wrong-secret]',
      `address = ${mock.url}`,
      `secret = ${MARK}-wrong-s3cr3t`,
      '[address-credentials]',
      `address = http://user:${MARK}@127.0.0.1:1`,
      `secret = ${SECRET}`,
      '',
    ].join('\n'),
  );
  await home.write('bad-line.ini', `[a]\naddress = ${mock.url}\n${MARK}-pasted-s3cr3t\n`);
  await home.write('no-header.ini', `secret = ${MARK}-s3cr3t\n`);
  await home.write('duplicate.ini', `[a]\nsecret = ${MARK}-one\nsecret = ${MARK}-two\n`);
});
afterAll(async () => {
  await mock.close();
  await home.dispose();
});

const publish = ['publish', '--params', '{"channel":"news","data":1}'];
const env = (extra: Record<string, string>): CentOptions => ({
  env: { CENT_ADDRESS: mock.url, CENT_SECRET: SECRET, ...extra },
});

const CASES: readonly (readonly [string, () => readonly string[], () => CentOptions, number])[] = [
  ['address in the file, not a URL', () => ['address', ...publish], () => ({ home: home.dir }), 3],
  ['address in the file, a bad %(reference)s', () => ['address-ref', ...publish], () => ({ home: home.dir }), 3],
  ['timeout in the file', () => ['timeout', ...publish], () => ({ home: home.dir }), 3],
  ['secret in the file with a lone %', () => ['secret-percent', ...publish], () => ({ home: home.dir }), 3],
  ['secret in the file referring to a missing option', () => ['secret-ref', ...publish], () => ({ home: home.dir }), 3],
  ['secret in the file with a malformed %(', () => ['secret-bad-ref', ...publish], () => ({ home: home.dir }), 3],
  ['secret in the file, wrong (401)', () => ['wrong-secret', ...publish], () => ({ home: home.dir }), 6],
  ['address with credentials, refused', () => ['address-credentials', ...publish], () => ({ home: home.dir }), 5],
  [
    'a secret pasted on a line of its own',
    () => ['a', ...publish, '--config', path.join(home.dir, 'bad-line.ini')],
    () => ({ home: home.dir }),
    3,
  ],
  [
    'a value before any section',
    () => ['a', ...publish, '--config', path.join(home.dir, 'no-header.ini')],
    () => ({ home: home.dir }),
    3,
  ],
  [
    'an option given twice',
    () => ['a', ...publish, '--config', path.join(home.dir, 'duplicate.ini')],
    () => ({ home: home.dir }),
    3,
  ],
  ['CENT_ADDRESS not a URL', () => publish, () => env({ CENT_ADDRESS: `${MARK}-env-s3cr3t` }), 3],
  ['CENT_TIMEOUT not a number', () => publish, () => env({ CENT_TIMEOUT: `${MARK}-env-s3cr3t` }), 3],
  ['CENT_SECRET wrong (401)', () => publish, () => env({ CENT_SECRET: `${MARK}-env-s3cr3t` }), 6],
  ['--address not a URL', () => [...publish, '--address', `${MARK}-flag-s3cr3t`], () => env({}), 2],
  ['--timeout not a number', () => [...publish, '--timeout', `${MARK}-flag-s3cr3t`], () => env({}), 2],
  ['--secret wrong (401)', () => [...publish, '--secret', `${MARK}-flag-s3cr3t`], () => env({}), 6],
];

describe("no error shows a setting's value", () => {
  it.each(CASES)('%s', async (_, args, options, code) => {
    for (const verbose of [false, true]) {
      const run = await runCent(verbose ? [...args(), '--verbose'] : args(), options());
      const where = JSON.stringify(run);
      expect(run.code, where).toBe(code);
      expect(run.stderr, where).toMatch(/^(\* .*\n)*cent: .+\n$/);
      expect(run.stdout + run.stderr, where).not.toContain(MARK);
      expect(run.stdout + run.stderr, where).not.toContain(MARK.toLowerCase());
      expect(run.stdout + run.stderr, where).not.toContain('s3cr3t');
    }
  });
});

describe('an empty HOME', () => {
  it('does not make ~/.centrc the .centrc of the working directory', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'cent-cwd-'));
    try {
      writeFileSync(path.join(cwd, '.centrc'), `[cwd-only-section]\naddress = ${mock.url}\nsecret = ${SECRET}\n`);
      const before = mock.commands().length;
      const run = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [CENT_BIN, 'cwd-only-section', ...publish], {
          cwd,
          env: { PATH: process.env['PATH'] ?? '', HOME: '' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', reject);
        child.on('close', (exit) => resolve({ code: exit, stdout, stderr }));
      });
      expect(run.code, JSON.stringify(run)).toBe(3);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /^cent: (config file ~\/\.centrc does not exist|section \[cwd-only-section\] not found in ~\/\.centrc|cannot find ~\/\.centrc: there is no home folder)/,
      );
      expect(mock.commands().length).toBe(before);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
