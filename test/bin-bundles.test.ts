/**
 * The bins run a one-file bundle of their package (scripts/bundle-bins.js, part of `npm run
 * build`): it must be what the current compiled modules bundle to, the same bytes every time,
 * and a bin must fall back to the modules when a later `tsc -b` has left the bundle stale.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN_BUNDLES, BUNDLE_DIR, bundleBin } from '../scripts/bundle-bins.js';

interface BinBundle {
  readonly pkg: string;
  readonly entry: string;
  readonly inline?: readonly string[];
  readonly outfile?: string;
}
const bundles = BIN_BUNDLES as readonly BinBundle[];
const bundle = bundleBin as (spec: BinBundle, options: { write: boolean }) => Promise<Map<string, string>>;
const root = fileURLToPath(new URL('..', import.meta.url));

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), path.join(prefix, e.name)) : [path.join(prefix, e.name)],
  );
}

describe('bin bundles', () => {
  it.each(bundles.map((b) => [b.pkg, b] as const))(
    '%s: the built bundle is what its compiled modules bundle to, deterministically',
    async (_, spec) => {
      const first = await bundle(spec, { write: false });
      const second = await bundle(spec, { write: false });
      expect([...second]).toEqual([...first]);
      const dir = path.join(root, spec.pkg, BUNDLE_DIR);
      const onDisk = filesUnder(dir).sort();
      expect(onDisk).toEqual([...first.keys()].map((f) => path.relative(BUNDLE_DIR, f)).sort());
      for (const [file, text] of first) expect(readFileSync(path.join(root, spec.pkg, file), 'utf8'), file).toBe(text);
      expect(first.get(path.join(BUNDLE_DIR, spec.outfile ?? path.basename(spec.entry)))).toMatch(
        /^\/\/ Bundled from .* Do not edit\./,
      );
    },
  );

  it.each(bundles.map((b) => [b.pkg, b] as const))(
    '%s: its bin checks the build time of every workspace package bundled in',
    (_, spec) => {
      const manifest = JSON.parse(readFileSync(path.join(root, spec.pkg, 'package.json'), 'utf8')) as {
        bin: Record<string, string>;
      };
      const bins = Object.values(manifest.bin).map((file) => readFileSync(path.join(root, spec.pkg, file), 'utf8'));
      expect(bins.length).toBeGreaterThan(0);
      for (const bin of bins) {
        expect(bin).toContain(`'../${BUNDLE_DIR}/${spec.outfile ?? path.basename(spec.entry)}'`);
        expect(bin).toContain("'../dist/.tsbuildinfo'");
        for (const inlined of spec.inline ?? [])
          expect(bin).toContain(`'../../${inlined.split('/')[1] ?? ''}/dist/.tsbuildinfo'`);
      }
    },
  );

  it('cent --help runs from the bundle without loading the client (no node:http), a send does load it', () => {
    const preload = path.join(mkdtempSync(path.join(tmpdir(), 'centkit-bin-')), 'loaded.cjs');
    writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write(JSON.stringify({ http: process.moduleLoadList.includes('NativeModule http'), bundle: Object.keys(require.cache).some((f) => f.endsWith('run-bundle.cjs')) })));",
    );
    const loaded = (...args: string[]): { http: boolean; bundle: boolean } => {
      const run = spawnSync(
        process.execPath,
        ['--require', preload, path.join(root, 'packages/cli/bin/cent.cjs'), ...args],
        { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } },
      );
      return JSON.parse(/\{"http".*\}$/.exec(run.stderr)?.[0] ?? 'null') as { http: boolean; bundle: boolean };
    };
    expect(loaded('--help')).toEqual({ http: false, bundle: true });
    expect(
      loaded('publish', '--no-validate', '--address', 'http://127.0.0.1:1', '--secret', 'x', '--params', '{}'),
    ).toEqual({ http: true, bundle: true });
  });

  /**
   * A copy of a bin in `<tmp>/pkg/bin/`, beside stand-in modules that print which of them ran
   * (`<tmp>/client/` is where an installed or workspace @centkit/client would sit). Paths given
   * to `age` and `write` are relative to `<tmp>`.
   */
  function layout(
    bin: string,
    entry: string,
    bundled = entry,
  ): {
    root: string;
    run: () => string;
    write: (file: string, text: string) => void;
    age: (file: string, secondsAgo: number) => void;
  } {
    const base = mkdtempSync(path.join(tmpdir(), 'centkit-bin-'));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
      writeFileSync(path.join(base, file), text);
    };
    write('pkg/package.json', '{"type":"module"}');
    const runner = `pkg/bin/run${path.extname(bin)}`;
    write(runner, readFileSync(path.join(root, bin), 'utf8'));
    for (const helper of readdirSync(path.dirname(path.join(root, bin))).filter((f) => f !== path.basename(bin))) {
      write(`pkg/bin/${helper}`, readFileSync(path.join(root, path.dirname(bin), helper), 'utf8'));
    }
    write(`pkg/dist/${entry}`, 'console.log("modules")');
    write(`pkg/${BUNDLE_DIR}/${bundled}`, 'console.log("bundle")');
    write('pkg/dist/.tsbuildinfo', '{}');
    return {
      root: base,
      run: () =>
        execFileSync(process.execPath, [path.join(base, runner)], {
          encoding: 'utf8',
          env: { PATH: process.env['PATH'] ?? '', CENTKIT_CACHE_DIR: path.join(base, 'cache') },
        }).trim(),
      write,
      age: (file, secondsAgo) => {
        const t = Date.now() / 1000 - secondsAgo;
        utimesSync(path.join(base, file), t, t);
      },
    };
  }

  it.each([
    ['packages/mock/bin/centkit-mock.js', 'bin.js', 'bin.js'],
    ['packages/cli/bin/cent.cjs', 'main.js', 'cent.cjs'],
  ])('%s runs the bundle when it is newer than the last build, else the modules', (bin, entry, bundled) => {
    const pkg = layout(bin, entry, bundled);
    pkg.age('pkg/dist/.tsbuildinfo', 60);
    pkg.age(`pkg/${BUNDLE_DIR}/${bundled}`, 30);
    expect(pkg.run()).toBe('bundle');
    pkg.age('pkg/dist/.tsbuildinfo', 10);
    expect(pkg.run()).toBe('modules');
  });

  it('a bin with no bundle runs the modules', () => {
    const pkg = layout('packages/mock/bin/centkit-mock.js', 'bin.js');
    rmSync(path.join(pkg.root, 'pkg', BUNDLE_DIR), { recursive: true });
    expect(pkg.run()).toBe('modules');
  });

  it.each(['client', 'validators'])(
    'cent also falls back when @centkit/%s (bundled into it) was rebuilt after the bundle',
    (name) => {
      const pkg = layout('packages/cli/bin/cent.cjs', 'main.js', 'cent.cjs');
      pkg.write(`${name}/dist/.tsbuildinfo`, '{}');
      pkg.age('pkg/dist/.tsbuildinfo', 60);
      pkg.age(`${name}/dist/.tsbuildinfo`, 60);
      pkg.age(`pkg/${BUNDLE_DIR}/cent.cjs`, 30);
      expect(pkg.run()).toBe('bundle');
      pkg.age(`${name}/dist/.tsbuildinfo`, 10);
      expect(pkg.run()).toBe('modules');
    },
  );
});
