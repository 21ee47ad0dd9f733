/**
 * packages/validators/README.md and packages/cli/README.md, run as written. The validators
 * snippet runs, and each expression gives what its comment says. The `cent` lines run in `sh`
 * (with the workspace's `cent` on PATH) against a 1.x mock with the README's secret: the
 * `.centrc` in HOME (the one change: its address, the mock's port), the environment variables
 * snippet, the batch snippet. The install line runs in pack-install.test.ts, from the tarballs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEveryBlockTaken, printCommentedExpressions, Readme, repoRoot } from './support/readme-blocks.js';
import { runModule, runShell, scratchFolder } from './support/run-snippet.js';

const scratch = scratchFolder();
afterAll(() => scratch.remove());

describe('packages/validators/README.md', () => {
  const readme = new Readme('packages/validators/README.md');
  const snippet = readme.take('js', "from '@centkit/validators'");

  it('the snippet runs, and each expression gives what its comment says', async () => {
    const run = await runModule(scratch.dir, 'validators.mjs', printCommentedExpressions(snippet.code));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const [typed, wire, effect] = lines.slice(-3).map((l) => JSON.parse(l) as unknown);
    // console.log(result.errors): the comment's array, as Node prints it.
    const printed = lines.slice(0, -3).join('\n');
    expect(printed).toMatch(/^\[\n {2}\{\n {4}path: '\/data',\n {4}message: 'is required',\n {4}keyword: 'required',/);
    expect(typed).toEqual({ ok: true, value: { channel: 'news' } });
    expect(wire).toEqual({ ok: true, value: {} });
    expect(effect).toBe('write');
  });

  expectEveryBlockTaken(readme);
});

describe('packages/cli/README.md', () => {
  const readme = new Readme('packages/cli/README.md');
  readme.runElsewhere('sh', 'npm install -g', 'test/pack-install.test.ts');
  const centrc = readme.take('ini', '[bananas]');
  const envSnippet = readme.take('sh', 'export CENT_ADDRESS=');
  const batchSnippet = readme.take('sh', 'cent bananas --batch batch.jsonl');
  const secret = /^secret = (.*)$/m.exec(centrc.code)?.[1] ?? '';
  let mock: MockCentrifugo;
  const home = path.join(scratch.dir, 'home');
  const env = { HOME: home, PATH: `${path.join(repoRoot, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}` };
  beforeAll(async () => {
    // `news`, the README's channel, has no namespace: history kept by the top-level options.
    mock = await startMockCentrifugo({ secret, config: { history_size: 10, history_lifetime: 300 } });
    mkdirSync(home);
    writeFileSync(path.join(home, '.centrc'), centrc.code.replace('http://localhost:8000', mock.url));
  });
  afterAll(() => mock?.close());

  it('the environment variables snippet: publish with --params, history from stdin', async () => {
    expect(envSnippet.code).toContain('http://localhost:8000');
    const run = await runShell(envSnippet.code.replace('http://localhost:8000', mock.url), scratch.dir, env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [published, history] = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(published).toEqual({ method: 'publish', error: null, body: null });
    expect(history).toMatchObject({ method: 'history', error: null, body: { channel: 'news' } });
  });

  it('the batch snippet, with the .centrc: one request, one line per command', async () => {
    mock.clearCommands();
    const run = await runShell(batchSnippet.code, scratch.dir, env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const replies = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { method: string; error: unknown; body: unknown });
    expect(replies.map((r) => `${r.method}:${String(r.error)}`)).toEqual([
      'publish:null',
      'publish:null',
      'history:null',
      'stats:null',
    ]);
    expect(replies[2]?.body).toMatchObject({
      data: [{ data: { n: 2 } }, { data: { n: 1 } }, { data: { text: 'hi' } }],
    });
    expect(new Set(mock.commands().map((c) => c.requestId)).size).toBe(1);
  });

  expectEveryBlockTaken(readme);
});
