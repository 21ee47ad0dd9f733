/**
 * packages/mock/README.md, run as written: the start-up snippets (v6 and 1.x) as scripts, with
 * what their comments say each expression gives checked; the vitest snippets (a v6 app test, the
 * websocket test with the real centrifuge SDK, a 1.x app test) in a vitest of their own; the curl
 * lines against a started 1.x mock (the one change: its port).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { Client } from '@centkit/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEveryBlockTaken, printCommentedExpressions, Readme } from './support/readme-blocks.js';
import { runModule, runShell, runVitest, scratchFolder } from './support/run-snippet.js';

const readme = new Readme('packages/mock/README.md');
const scratch = scratchFolder();
afterAll(() => scratch.remove());

describe('packages/mock/README.md', () => {
  const startV6 = readme.take('ts', "from '@centkit/mock/v6';");
  const startV1 = readme.take('ts', "from '@centkit/mock';");

  it('the v6 start snippet runs, and its expressions give what their comments say', async () => {
    const run = await runModule(scratch.dir, 'start-v6.ts', printCommentedExpressions(startV6.code));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [apiUrl, apiKey, warnings] = run.stdout.trim().split('\n');
    expect(apiUrl).toMatch(/^"http:\/\/127\.0\.0\.1:\d+\/api"$/);
    expect(apiKey).toBe('"api-key"');
    expect(warnings).toBe('[]');
  });

  it('the 1.x start snippet runs, and its expressions give what their comments say', async () => {
    const run = await runModule(scratch.dir, 'start-v1.ts', printCommentedExpressions(startV1.code));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [apiUrl, sign] = run.stdout.trim().split('\n');
    expect(apiUrl).toMatch(/^"http:\/\/127\.0\.0\.1:\d+\/api\/"$/);
    expect(sign).toMatch(/^"[0-9a-f]{64}"$/);
  });

  const vitestSnippets = [
    readme.take('ts', "from '@centkit/mock/v6/vitest';\n\nconst mock"),
    readme.take('ts', "from 'centrifuge'"),
    readme.take('ts', "from '@centkit/mock/vitest'"),
  ];
  it('the vitest snippets pass in a vitest of their own: a v6 app test, the websocket SDK test, a 1.x app test', async () => {
    for (const [i, block] of vitestSnippets.entries())
      writeFileSync(path.join(scratch.dir, `mock-${i}.snippet.ts`), block.code);
    const run = await runVitest(scratch.dir);
    expect(run.stdout + run.stderr).toMatch(/Test Files {2}3 passed \(3\)/);
    expect(run.stdout).toMatch(/Tests {2}3 passed \(3\)/);
    expect(run.status).toBe(0);
  }, 60_000);

  describe('the control API curl lines, against a 1.x mock started as the README starts it', () => {
    const curl = readme.take('sh', 'curl -s -XPOST localhost:8000/_mock/clients');
    let mock: MockCentrifugo;
    beforeAll(async () => {
      mock = await startMockCentrifugo({
        secret: 's3cr3t',
        config: { namespaces: [{ name: 'public', presence: true, history_size: 10, history_lifetime: 60 }] },
      });
    });
    afterAll(() => mock?.close());

    it('add a client, wait for a publish (which the app sends meanwhile), add a fault', async () => {
      const host = new URL(mock.url).host;
      const running = runShell(curl.code.replaceAll('localhost:8000', host), scratch.dir);
      // The app: publishes once the client is there, while the second line waits.
      for (let i = 0; i < 250 && mock.clients().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const client = new Client({ address: mock.url, secret: 's3cr3t' });
      await client.publish({ channel: 'public:chat', data: { text: 'hi' } });
      await client.close();
      const run = await running;
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const [added, waited, fault] = run.stdout
        .replace(/}{/g, '}\n{')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(added).toMatchObject({ clients: [{ user: '42', channels: ['public:chat'] }] });
      expect(waited).toMatchObject({ command: { method: 'publish', channels: ['public:chat'], outcome: 'ok' } });
      expect(fault).toMatchObject({ spec: { type: 'status', status: 500, times: 1 }, remaining: 1 });
    });
  });

  expectEveryBlockTaken(readme);
});
