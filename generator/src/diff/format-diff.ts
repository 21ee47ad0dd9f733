import { formatPath, type Change, type Impact } from './change.js';
import type { ProtocolDiff, ProtocolIdentity } from './diff-protocols.js';

export type Side = 'callers' | 'implementers';
export const SIDES: readonly Side[] = ['callers', 'implementers'];

export type ImpactCounts = Readonly<Record<Impact, number>>;

export function countImpacts(changes: readonly Change[], side: Side): ImpactCounts {
  const counts: Record<Impact, number> = { breaking: 0, compatible: 0, unknown: 0, unaffected: 0 };
  for (const c of changes) counts[c[side]] += 1;
  return counts;
}

/** The readable summary: changes grouped by subject, each with both verdicts, then totals and the bump. */
export function formatDiffText(diff: ProtocolDiff): string {
  const lines = [`centkit diff: ${label(diff.old)} → ${label(diff.new)}`, ''];
  if (diff.changes.length === 0) lines.push('no API change');
  let group = '';
  for (const c of diff.changes) {
    const heading = `${c.subject.kind} ${c.subject.name}`;
    if (heading !== group) lines.push(heading);
    group = heading;
    const where = formatPath(c.path);
    lines.push(`  ${c.kind.padEnd(28)} ${where === '' ? '' : `${where}: `}${c.detail}`);
    lines.push(`  ${''.padEnd(28)} callers ${show(c.callers)}, implementers ${show(c.implementers)}`);
  }
  lines.push('');
  lines.push(
    `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}. ${SIDES.map((side) => totals(diff.changes, side)).join('. ')}.`,
  );
  lines.push(`Suggested bump for a client package: ${diff.bump.bump} — ${diff.bump.reason}.`);
  return `${lines.join('\n')}\n`;
}

/**
 * The `--json` shape (`centkit-diff/1`), documented in docs/protocol-change.md: keys in a fixed
 * order, changes in the report order, so the same two protocols always give the same bytes.
 */
export function formatDiffJson(diff: ProtocolDiff): string {
  const summary = Object.fromEntries(SIDES.map((side) => [side, countImpacts(diff.changes, side)]));
  return `${JSON.stringify(
    {
      format: 'centkit-diff/1',
      old: diff.old,
      new: diff.new,
      summary: { changes: diff.changes.length, ...summary },
      bump: diff.bump,
      changes: diff.changes.map((c) => ({
        kind: c.kind,
        subject: c.subject,
        path: c.path,
        at: formatPath(c.path),
        detail: c.detail,
        callers: c.callers,
        implementers: c.implementers,
      })),
    },
    null,
    2,
  )}\n`;
}

function label(p: ProtocolIdentity): string {
  return `${p.name} ${p.version} (${p.source})`;
}

function show(impact: Impact): string {
  return impact === 'breaking' ? 'BREAKING' : impact === 'unknown' ? 'UNKNOWN' : impact;
}

function totals(changes: readonly Change[], side: Side): string {
  const c = countImpacts(changes, side);
  return `${side[0]?.toUpperCase()}${side.slice(1)}: ${c.breaking} breaking, ${c.compatible} compatible, ${c.unknown} unknown, ${c.unaffected} unaffected`;
}
