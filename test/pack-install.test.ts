/**
 * The packages as a user gets them: `npm run pack`'s tarballs installed together into an empty
 * app outside the repository (`npm install <tarballs>`, from npm's cache when it has the
 * dependencies), every entry point imported from there, and the installed bins run: `cent`
 * against the installed `centkit-mock`. Each tarball carries its README and LICENSE, and no
 * .tsbuildinfo.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAll, PUBLISHED } from '../scripts/pack.js';

const app = mkdtempSync(path.join(tmpdir(), 'centkit-app-'));
let tarballs: string[] = [];
const bin = (name: string): string => path.join(app, 'node_modules/.bin', name);
const env = { PATH: process.env['PATH'] ?? '', HOME: app };

beforeAll(() => {
  tarballs = (packAll as (o: { build: boolean; destination: string }) => string[])({
    build: false,
    destination: path.join(app, 'tarballs'),
  });
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'an-app', private: true, type: 'module' }));
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], {
    cwd: app,
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr}`);
}, 180_000);
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('the packed packages, installed into an empty app', () => {
  it('one tarball per published workspace, each with README and LICENSE, none with a .tsbuildinfo', () => {
    expect(tarballs).toHaveLength(PUBLISHED.length);
    for (const tarball of tarballs) {
      const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
      expect(files, tarball).toContain('package/LICENSE');
      expect(
        files.some((f) => f.endsWith('.tsbuildinfo')),
        tarball,
      ).toBe(false);
      if (!tarball.includes('generator')) expect(files, tarball).toContain('package/README.md');
      const manifest = JSON.parse(
        execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
      ) as Record<string, unknown>;
      expect(manifest['license']).toBe('MIT');
      expect(Object.keys(manifest)).toEqual(expect.arrayContaining(['repository', 'homepage', 'bugs']));
    }
  });

  it('every entry point imports from the app; ioredis is optional and not installed', () => {
    const entries = [
      '@centkit/validators',
      '@centkit/validators/protocol',
      '@centkit/client',
      '@centkit/client/redis',
      '@centkit/mock',
      '@centkit/cli',
      '@centkit/generator',
    ];
    const script = `for (const e of ${JSON.stringify(entries)}) console.log(e, Object.keys(await import(e)).length > 0);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: app,
      encoding: 'utf8',
      env,
    });
    expect(out.trim().split('\n')).toEqual(entries.map((e) => `${e} true`));
    expect(() =>
      execFileSync(process.execPath, ['-e', "require.resolve('ioredis')"], { cwd: app, stdio: 'ignore' }),
    ).toThrow();
  });

  it('cent answers --version and --help; centkit-mock answers --help', () => {
    const version = JSON.parse(readFileSync(path.join(app, 'node_modules/@centkit/cli/package.json'), 'utf8')) as {
      version: string;
    };
    expect(execFileSync(bin('cent'), ['--version'], { encoding: 'utf8', env })).toMatch(
      new RegExp(`^cent ${version.version.replaceAll('.', '\\.')} \\(centrifugo-v1, Centrifugo 1\\.8\\.0\\)\\n$`),
    );
    expect(execFileSync(bin('cent'), ['--help'], { encoding: 'utf8', env })).toContain('cent [SECTION] METHOD');
    expect(execFileSync(bin('centkit-mock'), ['--help'], { encoding: 'utf8', env })).toMatch(/^usage: centkit-mock /);
  });

  it('the installed cent publishes to the installed centkit-mock', async () => {
    writeFileSync(path.join(app, 'centrifugo.json'), JSON.stringify({ secret: 'app-secret' }));
    const mock = spawn(bin('centkit-mock'), ['--port', '0', '--config', path.join(app, 'centrifugo.json')], {
      cwd: app,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        mock.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          const match = /API at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        mock.once('exit', (code) => reject(new Error(`centkit-mock exited ${String(code)}: ${out}`)));
      });
      const run = spawnSync(bin('cent'), ['publish', '--params', '{"channel":"news","data":{"text":"hi"}}'], {
        encoding: 'utf8',
        env: { ...env, CENT_ADDRESS: url, CENT_SECRET: 'app-secret' },
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('{"method":"publish","error":null,"body":null}\n');
      expect(run.status).toBe(0);
    } finally {
      mock.kill('SIGTERM');
    }
  });
});
