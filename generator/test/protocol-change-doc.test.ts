import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/diff/rules.js';
import { runCentkit } from './support/run.js';
import { repoRoot } from './support/workspace.js';

const doc = () => readFile(path.join(repoRoot, 'docs/protocol-change.md'), 'utf8');

describe('docs/protocol-change.md', () => {
  it('has the rules table of the code: every change kind with its verdicts, in the same order', async () => {
    const rows = [...(await doc()).matchAll(/^\| `([a-z-]+)` \| (\w+) \| (\w+) \| /gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual(Object.entries(RULES).map(([kind, rule]) => [kind, rule.callers, rule.implementers]));
  });

  it('documents the --json shape the diff prints', async () => {
    const block = /```json\n(\{\n {2}"format": "centkit-diff\/1"[^]*?)\n```/.exec(await doc())?.[1];
    const documented = JSON.parse(block ?? '{}') as { changes: Record<string, unknown>[] } & Record<string, unknown>;
    const actual = JSON.parse(
      (await runCentkit(['diff', 'schema/centrifugo-v1.0', 'schema/centrifugo-v1', '--json'])).stdout,
    ) as typeof documented;
    expect(Object.keys(documented)).toEqual(Object.keys(actual));
    expect({ ...documented, changes: undefined }).toEqual({ ...actual, changes: undefined });
    expect(actual.changes).toContainEqual(documented.changes[0]);
  });
});
