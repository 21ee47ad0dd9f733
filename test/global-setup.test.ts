/**
 * The global setup's promise (issue 13 §1): without the real Centrifugo, `npm test` prints one
 * line naming what it skipped and why — the binary is not installed, and whether Go is here to
 * install it — and with `CI=true` a missing server fails the run. Checked on the decision itself
 * and on the real setup module loaded with no binary and a PATH with or without a `go`.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CENTRIFUGO_VERSION, cannotInstall, goVersion } from '../scripts/centrifugo.js';
import { centrifugoNeed, MissingNeedError, reportMissingNeeds, type Need } from './support/missing-needs.js';

const HERE: Need = { available: true, reason: undefined };
const GONE: Need = { available: false, reason: 'it is not installed at /x' };

const folders: string[] = [];
/** A folder for PATH holding only a `go` that prints `output` and exits with `status` (none when `status` is undefined). */
function pathWithGo(status?: number, output = 'go version go1.99.0 linux/amd64'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'centkit-go-'));
  folders.push(dir);
  if (status !== undefined) {
    writeFileSync(path.join(dir, 'go'), `#!/bin/sh\necho '${output}'\nexit ${status}\n`);
    chmodSync(path.join(dir, 'go'), 0o755);
  }
  return dir;
}
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('reportMissingNeeds', () => {
  it('nothing to say when everything is here, in CI or not', () => {
    expect(reportMissingNeeds([['a server', HERE]], false)).toEqual([]);
    expect(reportMissingNeeds([['a server', HERE]], true)).toEqual([]);
  });

  it('outside CI: one line per missing need, naming what is skipped and why', () => {
    expect(
      reportMissingNeeds(
        [
          ['a server', GONE],
          ['a browser', HERE],
          ['a queue', { available: false, reason: undefined }],
        ],
        false,
      ),
    ).toEqual([
      'skipped: every suite that runs against a server — it is not installed at /x',
      'skipped: every suite that runs against a queue — no reason given',
    ]);
  });

  it('in CI: a missing need fails the run with a typed error naming it and why', () => {
    let error: unknown;
    try {
      reportMissingNeeds(
        [
          ['a browser', HERE],
          ['a server', GONE],
        ],
        true,
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MissingNeedError);
    expect(error).toMatchObject({
      code: 'MISSING_NEED',
      what: 'a server',
      message: 'CI needs a server: it is not installed at /x',
    });
  });
});

describe('centrifugoNeed', () => {
  it('installed: available', () => {
    expect(centrifugoNeed({ installed: true, path: '/c', goVersion: undefined })).toEqual(HERE);
  });

  it('not installed, Go here: says so, names the Go, and how to install', () => {
    const need = centrifugoNeed({
      installed: false,
      path: '/c/centrifugo',
      goVersion: 'go version go1.26.0 linux/amd64',
    });
    expect(need.available).toBe(false);
    expect(need.reason).toBe(
      `the real Centrifugo v${CENTRIFUGO_VERSION} is not installed at /c/centrifugo; Go is here (go version go1.26.0 linux/amd64): run node scripts/centrifugo.js to install it`,
    );
  });

  it('not installed, no Go: says that Go is missing too', () => {
    const need = centrifugoNeed({ installed: false, path: '/c/centrifugo', goVersion: undefined });
    expect(need.reason).toMatch(
      /^the real Centrifugo v\S+ is not installed at \/c\/centrifugo, and Go, which builds it, is missing/,
    );
  });
});

describe('goVersion (what `go version` says, from PATH)', () => {
  it('a go that runs: its line', () => {
    const env = { PATH: pathWithGo(0) };
    expect(goVersion(env)).toBe('go version go1.99.0 linux/amd64');
    expect(cannotInstall(env)).toBeUndefined();
  });

  it('no go on PATH, or one that fails: undefined, and cannotInstall says why', () => {
    for (const env of [{ PATH: pathWithGo() }, { PATH: pathWithGo(2, 'broken') }]) {
      expect(goVersion(env)).toBeUndefined();
      expect(cannotInstall(env)).toMatch(/no Go toolchain/);
    }
  });
});

describe('the global setup module, with no Centrifugo binary', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
    vi.resetModules();
  });

  /** Loads the setup afresh (its needs are probed at import) with `env` added, and runs it. */
  async function runSetup(env: Record<string, string>): Promise<{ printed: string; error: unknown }> {
    Object.assign(process.env, { CENTKIT_CENTRIFUGO: path.join(pathWithGo(), 'no-centrifugo') }, env);
    vi.resetModules();
    const { default: setup } = await import('./support/global-setup.js');
    const chunks: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
    let error: unknown;
    try {
      setup();
    } catch (caught) {
      error = caught;
    }
    vi.restoreAllMocks();
    return { printed: chunks.join(''), error };
  }

  it('outside CI, Go on PATH: one line, the binary not installed, the Go found', async () => {
    const { printed, error } = await runSetup({ CI: '', PATH: pathWithGo(0) });
    expect(error).toBeUndefined();
    const line = printed.split('\n').find((l) => l.includes('the real Centrifugo'));
    expect(line).toMatch(
      /^skipped: every suite that runs against the real Centrifugo — the real Centrifugo v\S+ is not installed at \S+no-centrifugo; Go is here \(go version go1\.99\.0 linux\/amd64\): run node scripts\/centrifugo\.js/,
    );
  });

  it('outside CI, no Go: the line says Go is missing', async () => {
    const { printed } = await runSetup({ CI: '', PATH: pathWithGo() });
    expect(printed).toMatch(
      /^skipped: every suite that runs against the real Centrifugo — .*Go, which builds it, is missing/m,
    );
  });

  it('with CI=true: the run fails, naming the server', async () => {
    const { printed, error } = await runSetup({ CI: 'true', PATH: pathWithGo() });
    // A fresh module graph: its own MissingNeedError class, so matched by name.
    expect(error).toMatchObject({ name: 'MissingNeedError', code: 'MISSING_NEED', what: 'the real Centrifugo' });
    expect((error as Error).message).toMatch(
      /^CI needs the real Centrifugo: the real Centrifugo v\S+ is not installed/,
    );
    expect(printed).toBe('');
  });
});
