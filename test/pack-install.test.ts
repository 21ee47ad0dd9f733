/**
 * The packages as a user gets them: `npm run pack`'s tarballs installed together into an empty
 * app outside the repository (`npm install <tarballs>`, from npm's cache when it has the
 * dependencies), every entry point of every exports map imported from there, one real call
 * through each v6 entry point (the vitest ones in a vitest run in the app), and the installed
 * bins run: `cent` against the installed `centkit-mock`. Each tarball carries its README (the
 * repository's) and LICENSE, and no .tsbuildinfo. The install lines of the package READMEs
 * (packages/client/README.md, packages/cli/README.md, generator/README.md, whose "your own
 * protocol" steps then generate and compile) run as written in folders of their own, the
 * tarballs' folder in place of `/path/to/centkit/.tmp/pack/`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAll, PUBLISHED } from '../scripts/pack.js';
import { Readme } from './support/readme-blocks.js';
import { runShell } from './support/run-snippet.js';

const root = fileURLToPath(new URL('..', import.meta.url));
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

/** Every `@centkit/<pkg><subpath>` the installed packages' exports maps offer (`./package.json` aside). */
function installedEntries(): string[] {
  return PUBLISHED.flatMap((w) => {
    const manifest = JSON.parse(
      readFileSync(path.join(app, 'node_modules/@centkit', path.basename(w), 'package.json'), 'utf8'),
    ) as { name: string; exports: Record<string, unknown> };
    return Object.keys(manifest.exports)
      .filter((k) => k !== './package.json')
      .map((k) => manifest.name + k.slice(1));
  });
}

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
      // (The generator's README came after this test was written, which skipped it then.)
      expect(files, tarball).toContain('package/README.md');
      const manifest = JSON.parse(
        execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
      ) as Record<string, unknown>;
      expect(manifest['license']).toBe('MIT');
      const workspace = PUBLISHED.find((w) => path.basename(tarball).startsWith(`centkit-${path.basename(w)}-`));
      expect(execFileSync('tar', ['xzOf', tarball, 'package/README.md'], { encoding: 'utf8' }), tarball).toBe(
        readFileSync(path.join(root, workspace ?? '', 'README.md'), 'utf8'),
      );
      expect(Object.keys(manifest)).toEqual(expect.arrayContaining(['repository', 'homepage', 'bugs']));
    }
  });

  it('every entry point of every exports map imports from the app; ioredis is optional and not installed', () => {
    const entries = installedEntries().filter((e) => !e.endsWith('/vitest'));
    expect(entries).toEqual(expect.arrayContaining(['@centkit/client/v6/tokens', '@centkit/validators/v6/protocol']));
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

describe('the v6 entry points, installed', () => {
  it('one real call through each: a v6 mock started by its 1.x name, the v6 client publishing to it, a token, the validators, the method table', () => {
    const script = `
import { Client } from '@centkit/client/v6';
import { createConnectionToken } from '@centkit/client/v6/tokens';
import { startMockCentrifugo } from '@centkit/mock/v6';
import { validate } from '@centkit/validators/v6';
import { methodNames } from '@centkit/validators/v6/protocol';
const mock = await startMockCentrifugo({ config: { http_api: { key: 'k' }, channel: { without_namespace: { history_size: 10, history_ttl: '60s' } } } });
const client = new Client({ url: mock.url, apiKey: 'k' });
const published = await client.publish({ channel: 'news', data: { text: 'hi' } });
await client.close();
await mock.close();
const token = await createConnectionToken({ sub: '42' }, { secret: 's' });
console.log(JSON.stringify({ published, token: token.split('.').length, valid: validate('history', 'params', { channel: 'news', limit: 'ten' }).ok, methods: methodNames.length }));
`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8', env }),
    ) as Record<string, unknown>;
    expect(out).toEqual({
      published: { offset: 1, epoch: expect.stringMatching(/^[A-Za-z]{8}$/) },
      token: 3,
      valid: false,
      methods: 21,
    });
  });

  it('the vitest entry points (@centkit/mock/v6/vitest, @centkit/mock/vitest) run their tests in the app, with its vitest', async () => {
    // vitest is an optional peer dependency: the app brings its own (here the checkout's, linked).
    symlinkSync(path.join(root, 'node_modules/vitest'), path.join(app, 'node_modules/vitest'), 'dir');
    writeFileSync(path.join(app, 'vitest.config.mjs'), "export default { test: { include: ['*.spec.js'] } };\n");
    writeFileSync(
      path.join(app, 'v6.spec.js'),
      `import { expect, it } from 'vitest';
import { Client } from '@centkit/client/v6';
import { useMockCentrifugo } from '@centkit/mock/v6/vitest';
const mock = useMockCentrifugo({ config: { http_api: { key: 'k' } }, strict: true });
it('publishes to the v6 mock', async () => {
  const client = new Client({ url: mock.url, apiKey: 'k' });
  await client.publish({ channel: 'news', data: 1 });
  await client.close();
  expect(mock.commands({ method: 'publish' })).toHaveLength(1);
});
`,
    );
    writeFileSync(
      path.join(app, 'v1.spec.js'),
      `import { expect, it } from 'vitest';
import { Client } from '@centkit/client';
import { useMockCentrifugo } from '@centkit/mock/vitest';
const mock = useMockCentrifugo({ secret: 's', strict: true });
it('publishes to the 1.x mock', async () => {
  const client = new Client({ address: mock.url, secret: 's' });
  await client.publish({ channel: 'news', data: 1 });
  await client.close();
  expect(mock.commands({ method: 'publish' })).toHaveLength(1);
});
`,
    );
    const run = await runShell('node node_modules/vitest/vitest.mjs run --config vitest.config.mjs', app, {
      ...env,
      NO_COLOR: '1',
      CI: '1',
    });
    expect(run.stdout).toMatch(/Tests {2}2 passed \(2\)/);
    expect(run.status).toBe(0);
  }, 60_000);
});

describe("the package READMEs' install lines, as written, each in a folder of its own", () => {
  const client = new Readme('packages/client/README.md').take('sh', 'npm install');
  const cli = new Readme('packages/cli/README.md').take('sh', 'npm install -g');
  const generator = new Readme('generator/README.md');
  const [init, config, tsconfig, generate] = [
    generator.take('sh', 'npm init -y'),
    generator.take('json', '"protocols": [ {'),
    generator.take('json', '"compilerOptions"'),
    generator.take('sh', 'npx centkit generate'),
  ];
  /** The README's placeholder for the repository's pack folder, replaced by the tarballs' folder. */
  const inPlace = (code: string): string => {
    expect(code).toContain('/path/to/centkit/.tmp/pack/');
    return code.replaceAll('/path/to/centkit/.tmp/pack/', `${path.join(app, 'tarballs')}/`);
  };
  // npm keeps its cache in the real HOME, so that it installs from there when it can.
  const npmEnv = { npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' };
  const folder = (name: string, manifest = true): string => {
    const dir = path.join(app, name);
    mkdirSync(dir);
    if (manifest) writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true }));
    return dir;
  };

  it('packages/client/README.md: the client with its validators, and ioredis for the Redis API', async () => {
    const dir = folder('readme-client');
    const run = await runShell(inPlace(client.code), dir, npmEnv);
    expect(run.status, run.stderr).toBe(0);
    const check =
      "import('@centkit/client/redis').then((m) => import('ioredis').then(() => console.log(typeof m.RedisApi)))";
    expect(execFileSync(process.execPath, ['-e', check], { cwd: dir, encoding: 'utf8' })).toBe('function\n');
  }, 180_000);

  it('packages/cli/README.md: cent installed globally (into a prefix of its own), then cent --help', async () => {
    const prefix = path.join(app, 'global');
    const run = await runShell(inPlace(cli.code), folder('readme-cli'), {
      ...npmEnv,
      npm_config_prefix: prefix,
      PATH: `${path.join(prefix, 'bin')}:${process.env['PATH'] ?? ''}`,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('cent [SECTION] METHOD');
  }, 180_000);

  it('generator/README.md: your own protocol installed, generated and compiled', async () => {
    const dir = folder('readme-generator', false);
    cpSync(path.join(root, 'generator/test/fixtures/kvstore'), path.join(dir, 'schema/kvstore'), { recursive: true });
    writeFileSync(path.join(dir, 'centkit.config.json'), config.code);
    writeFileSync(path.join(dir, 'tsconfig.json'), tsconfig.code);
    const install = await runShell(inPlace(init.code), dir, npmEnv);
    expect(install.status, install.stderr).toBe(0);
    const run = await runShell(generate.code, dir, npmEnv);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const file of ['client', 'protocol', 'types', 'validators'])
      expect(existsSync(path.join(dir, `dist/gen/${file}.gen.js`)), file).toBe(true);
    const use = `import { methodNames } from './dist/gen/protocol.gen.js'; import { validateGetParams } from './dist/gen/validators.gen.js'; console.log(methodNames.join(), validateGetParams({ key: 'k' }).ok);`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', use], { cwd: dir, encoding: 'utf8' })).toBe(
      'get,put,list_keys true\n',
    );
  }, 240_000);
});
