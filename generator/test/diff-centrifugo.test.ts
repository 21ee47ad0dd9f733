import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffProtocols } from '../src/diff/diff-protocols.js';
import { loadProtocol } from '../src/diff/load-protocol.js';
import { readFixture, writeSchemaDir } from './support/schema-dir.js';
import { runCentkit } from './support/run.js';
import { repoRoot, scratchRoot } from './support/workspace.js';

interface JsonChange {
  kind: string;
  subject: { kind: string; name: string };
  at: string;
  detail: string;
  callers: string;
  implementers: string;
}
interface JsonDiff {
  format: string;
  bump: { bump: string };
  summary: Record<string, unknown>;
  changes: JsonChange[];
}

const row = (c: JsonChange) =>
  `${c.kind} ${c.subject.kind} ${c.subject.name} ${c.at} | callers ${c.callers}, implementers ${c.implementers}`;

describe('centkit diff on the real Centrifugo evolution (1.0.0 → 1.8.0)', () => {
  it('reports broadcast, node, publish uid, the shard queues, the 503, and a minor bump for clients', async () => {
    const { code, stdout } = await runCentkit(['diff', 'schema/centrifugo-v1.0', 'schema/centrifugo-v1', '--json']);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout) as JsonDiff;
    expect(diff.format).toBe('centkit-diff/1');
    expect(diff.changes.map(row)).toEqual([
      'param-changed envelope command  | callers unknown, implementers unknown',
      'method-added method broadcast  | callers compatible, implementers breaking',
      'method-added method node  | callers compatible, implementers breaking',
      'param-added-optional method publish params.uid | callers compatible, implementers breaking',
      'error-added error shutting_down  | callers compatible, implementers breaking',
      'transport-shard-added transport redis queue.shardKey | callers compatible, implementers breaking',
    ]);
    expect(diff.changes.find((c) => c.kind === 'param-added-optional')?.detail).toBe(
      'string, since 1.7.7 (wire: string|null, since 1.7.7)',
    );
    expect(diff.changes.find((c) => c.subject.name === 'broadcast')?.detail).toContain(
      'since 1.2.0, transports http-form, http-json, redis',
    );
    expect(diff.bump.bump).toBe('minor');
  });

  it('reports the reverse direction as breaking removals for callers, and a major bump', async () => {
    const { stdout } = await runCentkit(['diff', 'schema/centrifugo-v1', 'schema/centrifugo-v1.0', '--json']);
    const diff = JSON.parse(stdout) as JsonDiff;
    expect(diff.changes.filter((c) => c.callers === 'breaking').map(row)).toEqual([
      'method-removed method broadcast  | callers breaking, implementers compatible',
      'method-removed method node  | callers breaking, implementers compatible',
      'param-removed method publish params.uid | callers breaking, implementers compatible',
      'error-removed error shutting_down  | callers breaking, implementers compatible',
      'transport-shard-removed transport redis queue.shardKey | callers breaking, implementers compatible',
    ]);
    expect(diff.bump.bump).toBe('major');
  });

  it('prints a summary grouped per subject, marking BREAKING, with the suggested bump', async () => {
    const { stdout } = await runCentkit(['diff', 'schema/centrifugo-v1.0', 'schema/centrifugo-v1']);
    expect(stdout).toContain(
      'centkit diff: centrifugo-v1.0 1.0.0 (schema/centrifugo-v1.0) → centrifugo-v1 1.8.0 (schema/centrifugo-v1)',
    );
    expect(stdout).toMatch(
      /method publish\n {2}param-added-optional +params\.uid: string, since 1\.7\.7 \(wire: string\|null, since 1\.7\.7\)\n +callers compatible, implementers BREAKING\n/,
    );
    expect(stdout).toContain(
      'Callers: 0 breaking, 5 compatible, 1 unknown, 0 unaffected. Implementers: 5 breaking, 0 compatible, 1 unknown, 0 unaffected.',
    );
    expect(stdout).toMatch(/Suggested bump for a client package: minor — /);
  });

  it('exits 1 with --fail-on only when a change at that level is found for the chosen side', async () => {
    const forward = ['diff', 'schema/centrifugo-v1.0', 'schema/centrifugo-v1'];
    const backward = ['diff', 'schema/centrifugo-v1', 'schema/centrifugo-v1.0'];
    expect((await runCentkit([...forward, '--fail-on', 'breaking', '--side', 'callers'])).code).toBe(0);
    expect((await runCentkit([...forward, '--fail-on', 'unknown', '--side', 'callers'])).code).toBe(1);
    expect((await runCentkit([...forward, '--fail-on', 'breaking'])).code).toBe(1);
    const failed = await runCentkit([...backward, '--fail-on', 'breaking', '--side', 'callers']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('centkit: 5 changes at --fail-on breaking for callers\n');
    expect((await runCentkit(['diff', 'schema/centrifugo-v1', 'schema/centrifugo-v1', '--fail-on', 'any'])).code).toBe(
      0,
    );
  });

  it('is pure: neither IR is changed, and the same IRs give an equal diff', async () => {
    const old = (await loadProtocol(path.join(repoRoot, 'schema/centrifugo-v1.0'), repoRoot)).ir;
    const neu = (await loadProtocol(path.join(repoRoot, 'schema/centrifugo-v1'), repoRoot)).ir;
    const before = structuredClone({ old, neu });
    const diff = diffProtocols(old, neu);
    expect({ old, neu }).toEqual(before);
    expect(diffProtocols(old, neu)).toEqual(diff);
  });

  it('gives byte-identical JSON for the same input', async () => {
    const a = await runCentkit(['diff', 'schema/centrifugo-v1', 'schema/centrifugo-v1.0', '--json']);
    const b = await runCentkit(['diff', 'schema/centrifugo-v1', 'schema/centrifugo-v1.0', '--json']);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('centkit diff, bad input', () => {
  let root: { dir: string; dispose: () => Promise<void> };
  beforeAll(async () => {
    root = await scratchRoot('diff-cli');
  });
  afterAll(() => root.dispose());

  it('reports every problem of each broken side, and exits 1', async () => {
    const files = await readFixture('kvstore');
    const good = await writeSchemaDir(root.dir, 'good', files);
    files['methods/put.params.json'].properties.key.type = 'strin';
    const bad = await writeSchemaDir(root.dir, 'bad', files);
    await writeFile(path.join(bad, 'methods/get.result.json'), '{ nope');
    const { code, stderr } = await runCentkit(['diff', bad, good], root.dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^centkit: OLD \(bad\) has 2 problems:\n.*methods\/get\.result\.json: not valid JSON.*\n.*methods\/put\.params\.json#\/properties\/key\/type/,
    );
    expect((await runCentkit(['diff', good, bad], root.dir)).stderr).toMatch(/^centkit: NEW \(bad\) has 2 problems/);
    expect(await readFile(path.join(good, 'protocol.json'), 'utf8')).toContain('kvstore-v1');
  });

  it('refuses wrong arguments with the usage and exit code 2', async () => {
    expect((await runCentkit(['diff', 'schema/centrifugo-v1'])).code).toBe(2);
    const bad = await runCentkit(['diff', 'schema/centrifugo-v1', 'schema/centrifugo-v1', '--fail-on', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on takes breaking, unknown, any, not "sometimes"');
  });
});
