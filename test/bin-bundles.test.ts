/**
 * The bins run a one-file bundle of their package (scripts/bundle-bins.js, part of `npm run
 * build`): it must be what the current compiled modules bundle to, the same bytes every time,
 * and a bin must fall back to the modules when a later `tsc -b` has left the bundle stale.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN_BUNDLES, BUNDLE_DIR, bundleBin } from '../scripts/bundle-bins.js';

interface BinBundle { readonly pkg: string; readonly entry: string; readonly inline?: readonly string[] }
const bundles = BIN_BUNDLES as readonly BinBundle[];
const bundle = bundleBin as (spec: BinBundle, options: { write: boolean }) => Promise<Map<string, string>>;
const root = fileURLToPath(new URL('..', import.meta.url));

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), path.join(prefix, e.name)) : [path.join(prefix, e.name)]);
}

describe('bin bundles', () => {
  it.each(bundles.map((b) => [b.pkg, b] as const))('%s: the built bundle is what its compiled modules bundle to, deterministically', async (_, spec) => {
    const first = await bundle(spec, { write: false });
    const second = await bundle(spec, { write: false });
    expect([...second]).toEqual([...first]);
    const dir = path.join(root, spec.pkg, BUNDLE_DIR);
    const onDisk = filesUnder(dir).sort();
    expect(onDisk).toEqual([...first.keys()].map((f) => path.relative(BUNDLE_DIR, f)).sort());
    for (const [file, text] of first) expect(readFileSync(path.join(root, spec.pkg, file), 'utf8'), file).toBe(text);
    expect(first.get(path.join(BUNDLE_DIR, `${path.basename(spec.entry)}`))).toMatch(/^\/\/ Bundled from .* Do not edit\./);
  });

  it.each(bundles.map((b) => [b.pkg, b] as const))('%s: its bin checks the build time of every workspace package bundled in', (_, spec) => {
    const manifest = JSON.parse(readFileSync(path.join(root, spec.pkg, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const bins = Object.values(manifest.bin).map((file) => readFileSync(path.join(root, spec.pkg, file), 'utf8'));
    expect(bins.length).toBeGreaterThan(0);
    for (const bin of bins) {
      expect(bin).toContain(`'../${BUNDLE_DIR}/${path.basename(spec.entry)}'`);
      expect(bin).toContain("'../dist/.tsbuildinfo'");
      for (const inlined of spec.inline ?? []) expect(bin).toContain(`'../../${inlined.split('/')[1] ?? ''}/dist/.tsbuildinfo'`);
    }
  });

  it('cent keeps @centkit/client in a chunk that only import() reaches, so `cent --help` does not load it', async () => {
    const files = await bundle(bundles.find((b) => b.pkg === 'packages/cli') as BinBundle, { write: false });
    // Every file main.js loads before it runs: its static imports, followed through the chunks.
    const loaded = new Set<string>();
    const visit = (file: string): void => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const text = files.get(file) ?? '';
      for (const m of text.matchAll(/^\} from "(\.[^"]+)";$|^import "(\.[^"]+)";$/gm)) visit(path.join(path.dirname(file), m[1] ?? m[2] ?? ''));
    };
    visit(path.join(BUNDLE_DIR, 'main.js'));
    expect(loaded.size).toBeGreaterThan(1);
    const clientChunks = [...files].filter(([, text]) => text.includes('CentRequestError')).map(([file]) => file);
    expect(clientChunks.length).toBeGreaterThan(0);
    for (const chunk of clientChunks) expect(loaded.has(chunk), chunk).toBe(false);
  });

  /**
   * A copy of a bin in `<tmp>/pkg/bin/`, beside stand-in modules that print which of them ran
   * (`<tmp>/client/` is where an installed or workspace @centkit/client would sit). Paths given
   * to `age` and `write` are relative to `<tmp>`.
   */
  function layout(bin: string, entry: string): { root: string; run: () => string; write: (file: string, text: string) => void; age: (file: string, secondsAgo: number) => void } {
    const base = mkdtempSync(path.join(tmpdir(), 'centkit-bin-'));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
      writeFileSync(path.join(base, file), text);
    };
    write('pkg/package.json', '{"type":"module"}');
    write('pkg/bin/run.js', readFileSync(path.join(root, bin), 'utf8'));
    write(`pkg/dist/${entry}`, 'console.log("modules")');
    write(`pkg/${BUNDLE_DIR}/${entry}`, 'console.log("bundle")');
    write('pkg/dist/.tsbuildinfo', '{}');
    return {
      root: base,
      run: () => execFileSync(process.execPath, [path.join(base, 'pkg/bin/run.js')], { encoding: 'utf8' }).trim(),
      write,
      age: (file, secondsAgo) => {
        const t = Date.now() / 1000 - secondsAgo;
        utimesSync(path.join(base, file), t, t);
      },
    };
  }

  it.each([
    ['packages/mock/bin/centkit-mock.js', 'bin.js'],
    ['packages/cli/bin/cent.js', 'main.js'],
  ])('%s runs the bundle when it is newer than the last build, else the modules', (bin, entry) => {
    const pkg = layout(bin, entry);
    pkg.age('pkg/dist/.tsbuildinfo', 60);
    pkg.age(`pkg/${BUNDLE_DIR}/${entry}`, 30);
    expect(pkg.run()).toBe('bundle');
    pkg.age('pkg/dist/.tsbuildinfo', 10);
    expect(pkg.run()).toBe('modules');
  });

  it('a bin with no bundle runs the modules', () => {
    const pkg = layout('packages/mock/bin/centkit-mock.js', 'bin.js');
    rmSync(path.join(pkg.root, 'pkg', BUNDLE_DIR), { recursive: true });
    expect(pkg.run()).toBe('modules');
  });

  it('cent also falls back when @centkit/client (bundled into it) was rebuilt after the bundle', () => {
    const pkg = layout('packages/cli/bin/cent.js', 'main.js');
    pkg.write('client/dist/.tsbuildinfo', '{}');
    pkg.age('pkg/dist/.tsbuildinfo', 60);
    pkg.age('client/dist/.tsbuildinfo', 60);
    pkg.age(`pkg/${BUNDLE_DIR}/main.js`, 30);
    expect(pkg.run()).toBe('bundle');
    pkg.age('client/dist/.tsbuildinfo', 10);
    expect(pkg.run()).toBe('modules');
  });
});
