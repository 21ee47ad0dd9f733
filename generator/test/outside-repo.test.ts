import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot } from './support/workspace.js';

/** The workspaces a user installs: packed as npm publishes them. */
const PACKED = ['@centkit/validators', '@centkit/client', '@centkit/generator'];
const SLOW = 120_000;

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

/** Like `run`, without blocking this process: the mock server answering the child lives here. */
function runAsync(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function ok(result: SpawnSyncReturns<string>): string {
  expect(result.error).toBeUndefined();
  expect(`exit ${result.status}\n${result.stderr}`).toBe(`exit 0\n${result.stderr}`);
  return result.stdout;
}

/**
 * A package.json as a user writes it: the centkit tarballs (from `npm pack`), and the
 * third-party packages they depend on, linked to the copies this checkout already installed so
 * `npm install --offline` needs no registry (npm installs what the tarballs declare from these).
 */
async function appManifest(tarballs: readonly string[]): Promise<object> {
  const thirdParty = new Set<string>(['typescript', '@types/node']);
  for (const dir of ['packages/validators', 'packages/client', 'generator']) {
    const manifest = JSON.parse(await readFile(path.join(repoRoot, dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {}))
      if (!name.startsWith('@centkit/')) thirdParty.add(name);
  }
  return {
    name: 'kv-app',
    private: true,
    type: 'module',
    dependencies: Object.fromEntries([
      ...tarballs.map((file) => [
        `@centkit/${path.basename(file).replace(/^centkit-(.+)-\d+\.\d+\.\d+\.tgz$/, '$1')}`,
        `file:tarballs/${path.basename(file)}`,
      ]),
      ...[...thirdParty].sort().map((name) => [name, `file:${path.join(repoRoot, 'node_modules', name)}`]),
    ]),
  };
}

const CONFIG = {
  protocols: [
    {
      schema: 'schema/kvstore',
      emitters: {
        types: { out: 'src/gen' },
        validators: { out: 'src/gen' },
        'protocol-table': { out: 'src/gen' },
        client: { out: 'src/gen' },
      },
    },
  ],
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    allowJs: true,
    checkJs: false,
    skipLibCheck: false,
    types: ['node'],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

/** The user's code: typed calls, a typed batch, the validators; `@ts-expect-error` lines prove the types refuse misuse. */
const INDEX = `import { Client } from './gen/client.gen.js';
import { validateGetParams } from './gen/validators.gen.js';
import { methodNames, transports } from './gen/protocol.gen.js';
import type { Entry } from './gen/types.gen.js';

const client = new Client({ address: 'http://127.0.0.1:1', secret: 's' });
export async function run(): Promise<string> {
  const entry: Entry | null = await client.get({ key: 'a' });
  const [put, got] = await client.batch().put({ key: 'b', value: [1] }).get({ key: 'b' }).send();
  // @ts-expect-error: get needs a key
  await client.get({});
  // @ts-expect-error: no such method
  await client.delete({ key: 'a' });
  return String(entry?.key) + String(put.ok) + String(got.ok ? got.body?.value : null);
}
console.log(methodNames.join(','), transports[0]?.request.shape, validateGetParams({ key: 'k' }).ok, validateGetParams({}).ok);
`;

describe("a user's own protocol, generated into a package outside the repository", () => {
  let app: string;
  let mock: MockCentrifugo;

  beforeAll(async () => {
    app = await mkdtemp(path.join(os.tmpdir(), 'centkit-user-'));
    await mkdir(path.join(app, 'tarballs'));
    const packed = JSON.parse(
      ok(
        run(
          'npm',
          ['pack', '--json', '--pack-destination', path.join(app, 'tarballs'), ...PACKED.flatMap((w) => ['-w', w])],
          repoRoot,
        ),
      ),
    ) as { filename: string }[];
    await writeFile(
      path.join(app, 'package.json'),
      `${JSON.stringify(await appManifest(packed.map((p) => p.filename)), null, 2)}\n`,
    );
    ok(run('npm', ['install', '--offline', '--no-audit', '--no-fund'], app));
    await cp(fixture('kvstore'), path.join(app, 'schema/kvstore'), { recursive: true });
    await writeFile(path.join(app, 'centkit.config.json'), JSON.stringify(CONFIG, null, 2));
    mock = await startMockCentrifugo({
      secret: 'contract-secret',
      config: { namespaces: [{ name: 'public', presence: true, history_size: 10, history_lifetime: 60 }] },
    });
  }, SLOW);
  afterAll(async () => {
    await mock?.close();
    if (app !== undefined) await rm(app, { recursive: true, force: true });
  });

  const centkit = (args: readonly string[], cwd = app) =>
    run(process.execPath, [path.join(app, 'node_modules/@centkit/generator/bin/centkit.js'), ...args], cwd);

  it('installs real copies of the packed packages, not links into the checkout', async () => {
    const installed = await readdir(path.join(app, 'node_modules/@centkit'), { withFileTypes: true });
    expect(installed.map((e) => `${e.name} ${e.isDirectory() ? 'dir' : 'link'}`).sort()).toEqual([
      'client dir',
      'generator dir',
      'validators dir',
    ]);
    expect(await readdir(path.join(app, 'node_modules/@centkit/generator/schemas'))).toEqual([
      'centrifugo-v1',
      'centrifugo-v6',
      'index.json',
    ]);
    await expect(readFile(path.join(app, 'node_modules/@centkit/generator/dist/.tsbuildinfo'))).rejects.toThrow();
  });

  it(
    'generates with the installed centkit, into the folders the config names, importing nothing by a path into the checkout',
    async () => {
      expect(centkit(['generate']).stdout).toMatch(/^centkit: generated from schema\/kvstore\n/);
      const gen = path.join(app, 'src/gen');
      const files = (await readdir(gen)).sort();
      expect(files).toEqual([
        'ajv-standalone.gen.js',
        'client.gen.ts',
        'protocol.gen.ts',
        'types.gen.ts',
        'validators.gen.ts',
      ]);
      for (const file of files) {
        const text = await readFile(path.join(gen, file), 'utf8');
        expect(text).not.toContain(repoRoot);
        const specifiers = [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
        for (const specifier of specifiers) {
          if (specifier.startsWith('.'))
            expect(path.dirname(path.resolve(gen, specifier)), `${file}: ${specifier}`).toBe(gen);
          else expect(specifier, `${file}: ${specifier}`).toMatch(/^(node:|ajv\/|@centkit\/(client|validators)$)/);
        }
      }
    },
    SLOW,
  );

  it(
    'typechecks there with tsc in strict mode, and runs',
    async () => {
      await writeFile(path.join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
      await writeFile(path.join(app, 'src/index.ts'), INDEX);
      expect(ok(run(process.execPath, [path.join(app, 'node_modules/typescript/bin/tsc'), '-p', '.'], app))).toBe('');
      expect(ok(run(process.execPath, ['dist/index.js'], app))).toBe('get,put,list_keys commands true false\n');
    },
    SLOW,
  );

  it(
    'answers --version and --help from the installed bin, and runs contract with the schemas shipped in the package',
    async () => {
      expect(centkit(['--version']).stdout).toMatch(/^centkit \d+\.\d+\.\d+\n$/);
      expect(centkit(['contract', '--help']).stdout).toMatch(/^usage: centkit contract --address URL/);
      const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'centkit-empty-'));
      try {
        const bin = path.join(app, 'node_modules/@centkit/generator/bin/centkit.js');
        const result = await runAsync(
          process.execPath,
          [bin, 'contract', '--address', mock.url, '--secret', 'contract-secret'],
          elsewhere,
        );
        expect(result.stdout).toContain('9 methods: 9 passed, 0 failed, 0 skipped');
        expect(result.stdout).not.toContain('contract-secret');
        expect(result.status).toBe(0);
      } finally {
        await rm(elsewhere, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
