import { describe, expect, it } from 'vitest';
import { runCentkit } from './support/run.js';

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
  changes: JsonChange[];
}

const row = (c: JsonChange) =>
  `${c.kind} ${c.subject.kind} ${c.subject.name} ${c.at} | callers ${c.callers}, implementers ${c.implementers}`;
const MAP_METHODS = [
  'map_clear',
  'map_publish',
  'map_read_state',
  'map_read_stream',
  'map_remove',
  'map_stats',
  'shared_poll_publish',
];

describe('centkit diff on the real Centrifugo evolution inside v6 (6.0.0 → 6.9.1)', () => {
  it('reports the map and shared-poll methods, version, label_filter and all_users, FilterNode and MapEntry, and a minor bump for clients', async () => {
    const { code, stdout } = await runCentkit(['diff', 'schema/centrifugo-v6.0', 'schema/centrifugo-v6', '--json']);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout) as JsonDiff;
    expect(diff.format).toBe('centkit-diff/1');
    const added = (m: string, p: string) =>
      `param-added-optional method ${m} params.${p} | callers compatible, implementers breaking`;
    // the methods themselves (the batch command and the envelope repeat each change, checked below)
    expect(diff.changes.filter((c) => c.subject.kind !== 'envelope' && c.subject.name !== 'batch').map(row)).toEqual([
      added('broadcast', 'version'),
      added('broadcast', 'version_epoch'),
      added('disconnect', 'all_users'),
      added('disconnect', 'label_filter'),
      ...MAP_METHODS.slice(0, 6).map((m) => `method-added method ${m}  | callers compatible, implementers breaking`),
      added('publish', 'version'),
      added('publish', 'version_epoch'),
      added('refresh', 'all_users'),
      added('refresh', 'label_filter'),
      'method-added method shared_poll_publish  | callers compatible, implementers breaking',
      added('subscribe', 'all_users'),
      added('subscribe', 'label_filter'),
      added('unsubscribe', 'all_users'),
      added('unsubscribe', 'label_filter'),
      'type-added type FilterNode  | callers compatible, implementers compatible',
      'type-added type MapEntry  | callers compatible, implementers compatible',
    ]);
    const detail = (name: string, at = '') => diff.changes.find((c) => c.subject.name === name && c.at === at)?.detail;
    expect(detail('publish', 'params.version')).toBe('integer, since 6.2.0 (wire: integer|null, since 6.2.0)');
    expect(detail('subscribe', 'params.label_filter')).toBe(
      'FilterNode, since 6.8.2 (wire: FilterNode|null, since 6.8.2)',
    );
    expect(detail('map_read_state')).toBe('read, since 6.8.0, transports http-api');
    // a batch carries the new methods and fields too: as commands, and as replies
    const batch = diff.changes.filter((c) => c.subject.name === 'batch').map((c) => `${c.kind} ${c.at}`);
    for (const m of MAP_METHODS) {
      expect(batch).toContain(`param-added-optional params.commands[].${m}`);
      expect(batch).toContain(`result-field-added-optional result.replies[].${m}`);
    }
    expect(batch).toContain('param-added-optional params.commands[].publish.version');
    expect(diff.changes.filter((c) => c.callers !== 'compatible')).toEqual([]);
    expect(diff.bump.bump).toBe('minor');
  });

  it('reports the reverse direction as breaking for callers, and a major bump', async () => {
    const { stdout } = await runCentkit(['diff', 'schema/centrifugo-v6', 'schema/centrifugo-v6.0']);
    expect(stdout).toContain(
      'centkit diff: centrifugo-v6 6.9.1 (schema/centrifugo-v6) → centrifugo-v6.0 6.0.0 (schema/centrifugo-v6.0)',
    );
    expect(stdout).toMatch(
      /method map_publish\n {2}method-removed +write, since 6\.8\.0\n +callers BREAKING, implementers compatible\n/,
    );
    expect(stdout).toMatch(/Callers: (\d+) breaking, 0 compatible, 0 unknown, 0 unaffected\./);
    expect(stdout).toMatch(/Suggested bump for a client package: major — /);
  });
});
