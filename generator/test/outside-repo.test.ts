import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserApp, expectSelfContained, ok, run, runAsync, type UserApp } from './support/user-app.js';
import { fixture } from './support/workspace.js';

const SLOW = 120_000;

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
  let user: UserApp;
  let app: string;
  let mock: MockCentrifugo;

  beforeAll(async () => {
    user = await createUserApp('kv-app');
    app = user.dir;
    await cp(fixture('kvstore'), path.join(app, 'schema/kvstore'), { recursive: true });
    await writeFile(path.join(app, 'centkit.config.json'), JSON.stringify(CONFIG, null, 2));
    mock = await startMockCentrifugo({
      secret: 'contract-secret',
      config: { namespaces: [{ name: 'public', presence: true, history_size: 10, history_lifetime: 60 }] },
    });
  }, SLOW);
  afterAll(async () => {
    await mock?.close();
    await user?.dispose();
  });

  const centkit = (args: readonly string[]) => user.centkit(args);

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
      expect(await readdir(gen)).toHaveLength(5);
      expect(await expectSelfContained(gen, gen, /^(node:|ajv\/|@centkit\/(client|validators)$)/)).toEqual([
        'ajv-standalone.gen.js',
        'client.gen.ts',
        'protocol.gen.ts',
        'types.gen.ts',
        'validators.gen.ts',
      ]);
    },
    SLOW,
  );

  it(
    'typechecks there with tsc in strict mode, and runs',
    async () => {
      await writeFile(path.join(app, 'src/index.ts'), INDEX);
      expect(await user.typecheck()).toBe('');
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
