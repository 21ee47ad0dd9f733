import { RULES, type ChangeKind, type Verdict } from './rules.js';

/** `unaffected`: the change shows only in the other side's view (typed vs wire). */
export type Impact = Verdict | 'unaffected';

/** What a change is about; changes are grouped by subject in reports. */
export interface Subject {
  readonly kind: 'envelope' | 'method' | 'error' | 'transport' | 'type';
  readonly name: string;
}

/** One classified change between two protocols. */
export interface Change {
  readonly kind: ChangeKind;
  readonly subject: Subject;
  /**
   * Where inside the subject: for methods `params` or `result` then field names, `[]` for array
   * items and `{}` for map values (e.g. `result`, `data`, `nodes`, `[]`, `uid`); for envelopes the
   * field names; for transports the setting. Empty for the subject as a whole.
   */
  readonly path: readonly string[];
  readonly detail: string;
  readonly callers: Impact;
  readonly implementers: Impact;
}

/** Which view a schema change was seen in: callers read the typed view, implementers the wire view. */
export interface Seen {
  readonly typed: boolean;
  readonly wire: boolean;
}

export const BOTH_VIEWS: Seen = { typed: true, wire: true };

export function makeChange(
  kind: ChangeKind,
  subject: Subject,
  path: readonly string[],
  detail: string,
  seen: Seen = BOTH_VIEWS,
): Change {
  const rule = RULES[kind];
  return {
    kind,
    subject,
    path,
    detail,
    callers: seen.typed ? rule.callers : 'unaffected',
    implementers: seen.wire ? rule.implementers : 'unaffected',
  };
}

/** `params.data.nodes[].uid` */
export function formatPath(path: readonly string[]): string {
  return path.reduce(
    (out, segment) => (segment === '[]' || segment === '{}' || out === '' ? `${out}${segment}` : `${out}.${segment}`),
    '',
  );
}

const SUBJECT_ORDER: Readonly<Record<Subject['kind'], number>> = {
  envelope: 0,
  method: 1,
  error: 2,
  transport: 3,
  type: 4,
};

/** The stable report order: subject kind, subject name, path, kind, detail. */
export function compareChanges(a: Change, b: Change): number {
  return (
    SUBJECT_ORDER[a.subject.kind] - SUBJECT_ORDER[b.subject.kind] ||
    cmp(a.subject.name, b.subject.name) ||
    cmp(formatPath(a.path), formatPath(b.path)) ||
    cmp(a.kind, b.kind) ||
    cmp(a.detail, b.detail)
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
