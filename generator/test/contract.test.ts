import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runContract, type ContractReport } from '../src/contract/run-contract.js';
import { startAlteringProxy } from './support/altering-proxy.js';
import { runCentkit } from './support/run.js';
import { fixture, repoRoot, scratchRoot } from './support/workspace.js';

const SECRET = 'contract-secret';
const SCHEMA = path.join(repoRoot, 'schema/centrifugo-v1');
const METHODS = [
  'publish',
  'broadcast',
  'unsubscribe',
  'disconnect',
  'presence',
  'history',
  'channels',
  'stats',
  'node',
];

const statuses = (report: ContractReport) => report.results.map((r) => `${r.status} ${r.method}`);

describe('centkit contract against the mock', () => {
  let mock: MockCentrifugo;
  let root: { dir: string; dispose: () => Promise<void> };

  beforeAll(async () => {
    mock = await startMockCentrifugo({
      secret: SECRET,
      config: { namespaces: [{ name: 'public', presence: true, history_size: 10, history_lifetime: 60 }] },
    });
    root = await scratchRoot('contract');
  });
  afterAll(async () => {
    await mock.close();
    await root.dispose();
  });
  beforeEach(() => mock.reset());

  it('passes every method, and touches only the contract channel and a made-up user', async () => {
    const report = await runContract({
      schemaDir: SCHEMA,
      cwd: repoRoot,
      address: mock.url,
      credentials: { insecure: false, secret: SECRET },
    });
    expect(statuses(report)).toEqual(METHODS.map((m) => `pass ${m}`));
    expect(report.user).toMatch(/^centkit-contract-[0-9a-f]{12}$/);
    const commands = mock.commands();
    expect(commands.map((c) => c.method)).toEqual(METHODS);
    for (const c of commands) {
      expect(c.outcome).toBe('ok');
      expect(c.channels.every((ch) => ch === 'public:contract')).toBe(true);
      const user = (c.params as { user?: unknown } | undefined)?.user;
      if (user !== undefined) expect(user).toBe(report.user);
    }
  });

  it('runs from the CLI, writes JUnit XML, and exits 0', async () => {
    const junit = path.join(root.dir, 'contract.xml');
    const { code, stdout } = await runCentkit([
      'contract',
      '--address',
      mock.url,
      '--secret',
      SECRET,
      '--channel',
      'public:ci',
      '--junit',
      junit,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^centkit contract: centrifugo-v1 1\.8\.0 against http:\/\/127\.0\.0\.1:\d+\/api\/ \(transport http-form\), channel public:ci, user centkit-contract-/,
    );
    expect(stdout).toContain('9 methods: 9 passed, 0 failed, 0 skipped\n');
    expect(stdout).not.toContain(SECRET);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toContain('<testsuites name="centkit contract" tests="9" failures="0" skipped="0"');
    expect(xml).toMatch(/<testcase classname="centrifugo-v1" name="node" time="\d+\.\d{3}"\/>/);
    expect(mock.commands().every((c) => c.channels.every((ch) => ch === 'public:ci'))).toBe(true);
  });

  it('speaks every HTTP transport the manifest describes (JSON body, sign in a header)', async () => {
    const report = await runContract({
      schemaDir: SCHEMA,
      cwd: repoRoot,
      address: `${mock.url}/api`,
      credentials: { insecure: false, secret: SECRET },
      transport: 'http-json',
    });
    expect(report.url).toBe(`${mock.url}/api/`);
    expect(statuses(report)).toEqual(METHODS.map((m) => `pass ${m}`));
  });

  it('sends no sign with --insecure, for a server that skips the check', async () => {
    const open = await startMockCentrifugo({
      config: {
        insecure_api: true,
        namespaces: [{ name: 'public', presence: true, history_size: 10, history_lifetime: 60 }],
      },
    });
    try {
      const { code, stdout } = await runCentkit(['contract', '--address', open.url, '--insecure']);
      expect(code).toBe(0);
      expect(stdout).toContain('9 methods: 9 passed, 0 failed, 0 skipped');
    } finally {
      await open.close();
    }
  });

  it('catches a reply of the wrong shape with the exact JSON path, expected and got', async () => {
    const proxy = await startAlteringProxy(mock.url, (item) => {
      if (item['method'] !== 'stats') return;
      const nodes = (item['body'] as { data: { nodes: Record<string, unknown>[] } }).data.nodes;
      if (nodes[0] !== undefined) nodes[0]['started_at'] = 'yesterday';
    });
    try {
      const junit = path.join(root.dir, 'wrong.xml');
      const { code, stdout } = await runCentkit([
        'contract',
        '--address',
        proxy.url,
        '--secret',
        SECRET,
        '--junit',
        junit,
      ]);
      expect(code).toBe(1);
      expect(stdout).toContain(
        'FAIL stats with params {}\n  /body/data/nodes/0/started_at (wire): expected type integer, got "yesterday"\n',
      );
      expect(stdout).toContain('9 methods: 8 passed, 1 failed, 0 skipped');
      const xml = await readFile(junit, 'utf8');
      expect(xml).toContain(
        '<failure message="/body/data/nodes/0/started_at (wire): expected type integer, got &quot;yesterday&quot;" type="contract-mismatch">',
      );
    } finally {
      await proxy.close();
    }
  });

  it('reports a missing field and an extra one in the envelope', async () => {
    const proxy = await startAlteringProxy(mock.url, (item) => {
      if (item['method'] === 'history') delete (item['body'] as Record<string, unknown>)['channel'];
      if (item['method'] === 'channels') item['extra'] = 1;
    });
    try {
      const report = await runContract({
        schemaDir: SCHEMA,
        cwd: repoRoot,
        address: proxy.url,
        credentials: { insecure: false, secret: SECRET },
      });
      expect(report.results.find((r) => r.method === 'history')?.mismatches).toEqual([
        { view: 'wire', path: '/body/channel', expected: 'present', got: 'absent' },
      ]);
      expect(report.results.find((r) => r.method === 'channels')?.mismatches).toEqual([
        { view: 'wire', path: '/extra', expected: 'absent (no such property)', got: '1' },
      ]);
    } finally {
      await proxy.close();
    }
  });

  it("reports a soft error injected by the mock as the reply's error, named from the catalogue", async () => {
    mock.injectFault({ type: 'soft-error', method: 'history', error: 'internal server error', times: 1 });
    const report = await runContract({
      schemaDir: SCHEMA,
      cwd: repoRoot,
      address: mock.url,
      credentials: { insecure: false, secret: SECRET },
    });
    const history = report.results.find((r) => r.method === 'history');
    expect(history?.status).toBe('fail');
    expect(history?.mismatches).toContainEqual({
      view: 'wire',
      path: '/error',
      expected: 'no error (the probe sends valid params)',
      got: '"internal server error" (the soft error internal_server_error; check the server\'s configuration for the probe\'s params)',
    });
    expect(statuses(report).filter((s) => s.startsWith('fail'))).toEqual(['fail history']);
  });

  it('reports a wrong secret as the catalogued hard error on every method', async () => {
    const report = await runContract({
      schemaDir: SCHEMA,
      cwd: repoRoot,
      address: mock.url,
      credentials: { insecure: false, secret: 'wrong' },
    });
    expect(report.results.every((r) => r.status === 'fail')).toBe(true);
    expect(report.results[0]?.mismatches).toEqual([
      { view: 'http', path: '', expected: 'HTTP 2xx', got: 'HTTP 401 "Unauthorized\\n" (the hard error unauthorized)' },
    ]);
  });

  it('never calls a write method the probe plan does not cover', async () => {
    const schemaDir = path.join(root.dir, 'schema');
    await cp(SCHEMA, schemaDir, { recursive: true });
    const plan = JSON.parse(await readFile(path.join(schemaDir, 'probes.json'), 'utf8'));
    delete plan.probes.broadcast;
    plan.probes.node = { skip: 'not on this server' };
    await writeFile(path.join(schemaDir, 'probes.json'), JSON.stringify(plan));
    const report = await runContract({
      schemaDir,
      cwd: root.dir,
      address: mock.url,
      credentials: { insecure: false, secret: SECRET },
    });
    expect(report.results.find((r) => r.method === 'broadcast')).toMatchObject({
      status: 'skip',
      reason: expect.stringContaining('write method with no entry'),
    });
    expect(report.results.find((r) => r.method === 'node')).toMatchObject({
      status: 'skip',
      reason: 'not on this server',
    });
    expect(mock.commands().map((c) => c.method)).not.toContain('broadcast');
  });

  it('refuses a schema without a valid probe plan, listing the problems', async () => {
    const missing = await runCentkit([
      'contract',
      '--address',
      mock.url,
      '--secret',
      SECRET,
      '--schema',
      fixture('kvstore'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'probes.json: file not found: the contract runner needs a probe plan [file-unreadable]',
    );
    const schemaDir = path.join(root.dir, 'bad-plan');
    await cp(SCHEMA, schemaDir, { recursive: true });
    await writeFile(path.join(schemaDir, 'probes.json'), JSON.stringify({ channel: 5, probes: { nope: {} } }));
    const bad = await runCentkit(['contract', '--address', mock.url, '--secret', SECRET, '--schema', schemaDir]);
    expect(bad.stderr).toMatch(/bad-plan\/probes\.json#\/channel: must be string \[probes-invalid\]/);
    await writeFile(path.join(schemaDir, 'probes.json'), JSON.stringify({ envelope: {}, channel: 'x', probes: {} }));
    const old = await runCentkit(['contract', '--address', mock.url, '--secret', SECRET, '--schema', schemaDir]);
    expect(old.stderr).toContain(
      'probes.json#/envelope: the field names of commands and replies now come from the transport descriptor',
    );
    expect(mock.commands()).toEqual([]);
  });

  it('refuses to run without an address or a secret (usage, exit 2)', async () => {
    expect((await runCentkit(['contract', '--secret', SECRET])).code).toBe(2);
    expect((await runCentkit(['contract', '--address', mock.url])).code).toBe(2);
    expect(
      (await runCentkit(['contract', '--address', mock.url, '--secret', SECRET, '--transport', 'redis'])).stderr,
    ).toContain('no HTTP transport "redis" (HTTP transports: http-form, http-json)');
  });
});
