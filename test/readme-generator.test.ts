/**
 * generator/README.md, run as written: the repository's config as the README shows it; the
 * sample error output, made by `centkit generate` on a temporary copy of the kvstore fixture
 * broken as the README says; the transport descriptors against the shipped manifests; the
 * `centkit contract` lines (the one change: the port), the 1.x one against a 1.x mock with the
 * secret `S`, the v6 ones against the real Centrifugo v6.9.1 with the key `k1`, run from the
 * repository's root (which nothing writes into). The "your own protocol" blocks run in
 * pack-install.test.ts, from the tarballs.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEveryBlockTaken, Readme, repoRoot } from './support/readme-blocks.js';
import { runProcess, runShell, scratchFolder } from './support/run-snippet.js';
import {
  describeWithCentrifugo,
  startCentrifugo,
  variantConfigs,
  type RealCentrifugo,
} from './support/centrifugo-v6.js';

const readme = new Readme('generator/README.md');
const scratch = scratchFolder();
afterAll(() => scratch.remove());
const env = { PATH: `${path.join(repoRoot, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` };
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8'));

describe('generator/README.md', () => {
  readme.take('text', 'centkit generate [--config FILE]'); // the synopsis: cli.test.ts checks each command's --help
  for (const marker of ['npm init -y', '"protocols": [ {', '"compilerOptions"', 'npx centkit generate'])
    readme.runElsewhere(marker.startsWith('n') ? 'sh' : 'json', marker, 'test/pack-install.test.ts');

  const config = readme.take('json', '"$schema": "./generator/centkit.config.schema.json"');
  it("the config shown is the repository's centkit.config.json (its $comment left out)", () => {
    const { $comment, ...repository } = readJson('centkit.config.json') as Record<string, unknown>;
    expect($comment).toBeTypeOf('string');
    expect(JSON.parse(config.code)).toEqual(repository);
  });

  const sample = readme.take('text', 'centkit: the schema set schema/kvstore has 2 problems');
  it('the sample error output is what centkit generate prints for the kvstore fixture broken as the README says', async () => {
    const kvstore = path.join(scratch.dir, 'schema/kvstore');
    cpSync(path.join(repoRoot, 'generator/test/fixtures/kvstore'), kvstore, { recursive: true });
    const edit = <T>(file: string, change: (json: T) => void): void => {
      const json = JSON.parse(readFileSync(path.join(kvstore, file), 'utf8')) as T;
      change(json);
      writeFileSync(path.join(kvstore, file), JSON.stringify(json));
    };
    edit<{ properties: { key: { type: string } } }>('methods/put.params.json', (s) => {
      s.properties.key.type = 'text';
    });
    edit<{ transports: [{ id: string; http: { path: string } }] }>('protocol.json', (m) => {
      m.transports[0].id = 'rest';
      m.transports[0].http.path = '/v1/{nope}';
    });
    const run = await runProcess('centkit', ['generate', '--schema', 'schema/kvstore', '--out', 'out'], {
      cwd: scratch.dir,
      env,
    });
    expect(run.stdout + run.stderr).toBe(sample.code);
    expect(run.status).toBe(1);
  });

  const shown = readme.take('jsonc', '"id": "http-api"');
  it('the transport descriptors shown are those of the shipped manifests', () => {
    const objects = shown.code
      .replace(/\s+\/\/.*$/gm, '')
      .split('\n\n')
      .map((o) => JSON.parse(o) as { id: string; description: string });
    const transports = [
      ...(readJson('schema/centrifugo-v6/protocol.json') as { transports: { id: string }[] }).transports,
      ...(readJson('schema/centrifugo-v1/protocol.json') as { transports: { id: string }[] }).transports,
    ];
    expect(objects.map((o) => o.id)).toEqual(['http-api', 'http-form']);
    for (const { description, ...rest } of objects) {
      expect(description).toBe('...');
      const real = transports.find((t) => t.id === rest.id);
      expect({ ...real, description: undefined }).toEqual({ ...rest, description: undefined });
    }
  });

  const contract = readme.take('sh', 'centkit contract --address');
  const lines = contract.code
    .trim()
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, ''));
  const runLine = (line: string, url: string) =>
    runShell(line.replace('http://127.0.0.1:8000', url), repoRoot, { ...env, CENTKIT_API_KEY: '', CENTKIT_SECRET: '' });

  describe('the 1.x contract line, against a 1.x mock with the secret S', () => {
    let mock: MockCentrifugo;
    beforeAll(async () => {
      mock = await startMockCentrifugo({
        secret: 'S',
        config: { namespaces: [{ name: 'public', presence: true, history_size: 10, history_lifetime: 60 }] },
      });
    });
    afterAll(() => mock?.close());

    it('every 1.x method passes', async () => {
      expect(lines[0]).toMatch(/--secret S$/);
      const run = await runLine(lines[0] ?? '', mock.url);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^centkit contract: centrifugo-v1 /);
      expect(run.stdout).toMatch(/\n(\d+) methods: \1 passed, 0 failed, 0 skipped\n$/);
      expect(run.status).toBe(0);
    });
  });

  describeWithCentrifugo('the v6 contract lines, against the real Centrifugo v6.9.1 with the key k1', () => {
    let server: RealCentrifugo;
    beforeAll(async () => {
      // Every namespace the v6 probe plan uses, the shared-poll one included.
      server = await startCentrifugo(variantConfigs.sharedPoll);
    });
    afterAll(() => server?.stop());

    it('every v6 method passes (--protocol centrifugo-v6), and every mini-v6 method (--schema)', async () => {
      for (const [line, name] of [
        [lines[1], 'centrifugo-v6'],
        [lines[2], 'mini-v6'],
      ] as const) {
        expect(line).toMatch(/^CENTKIT_API_KEY=k1 centkit contract /);
        const run = await runLine(line ?? '', server.url);
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(new RegExp(`^centkit contract: ${name} `));
        expect(run.stdout).toMatch(/\n(\d+) methods: \1 passed, 0 failed, 0 skipped\n$/);
        expect(run.status).toBe(0);
      }
    }, 60_000);
  });

  expectEveryBlockTaken(readme);
});
