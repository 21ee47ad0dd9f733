/**
 * Applies a transcript record's `varies` list to a recorded and an actual reply: each varying
 * value is checked for its shape (uuid v4, nuid, integer) in both and then masked; presence
 * maps keyed by random connection ids are compared by content; `channels` lists as sets.
 * An unknown `varies` entry is an error, so nothing is masked silently.
 */
import type { JNode } from './lossless-json.js';

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const NUID = /^[0-9A-Za-z]{22}$/;

type Check = (n: JNode) => string | undefined;

const isUuid: Check = (n) => (n.t === 'str' && UUID_V4.test(n.v) ? undefined : 'a uuid v4');
const isInt: Check = (n) => (n.t === 'num' && /^-?\d+$/.test(n.raw) ? undefined : 'an integer');

/** Masks both trees in place; returns shape problems found in `actual` (or in `expected`). */
export function applyVaries(expected: JNode, actual: JNode, varies: readonly string[]): string[] {
  const problems: string[] = [];
  for (const rule of varies) {
    if (rule.startsWith('response.headers.')) continue;
    if (rule.startsWith('client connection ids')) {
      normalizePresence(expected, problems, 'recorded');
      normalizePresence(actual, problems, 'mock');
      continue;
    }
    const patterns = rule.startsWith('stats nodes[*].uid/started_at/metrics')
      ? [
          'body[*].body.data.nodes[*].uid',
          'body[*].body.data.nodes[*].started_at',
          'body[*].body.data.nodes[*].metrics.*',
        ]
      : rule.startsWith('body')
        ? [rule.split(' ')[0] as string]
        : undefined;
    if (patterns === undefined) throw new Error(`unhandled varies rule: ${rule}`);
    for (const pattern of patterns) {
      const nuid = rule.includes('nuid');
      const last = pattern.split('.').at(-1);
      const check: Check = nuid
        ? (n) => (n.t === 'str' && NUID.test(n.v) ? undefined : 'a nuid')
        : last === 'uid'
          ? isUuid
          : isInt;
      mask(expected, pattern, check, problems, 'recorded', nuid);
      mask(actual, pattern, check, problems, 'mock', nuid);
    }
  }
  return problems;
}

/** Sorts every `channels` reply's list (Go map order is random). */
export function sortChannelLists(body: JNode): void {
  if (body.t !== 'arr') return;
  for (const item of body.items) {
    if (
      item.t !== 'obj' ||
      field(item, 'method')?.t !== 'str' ||
      (field(item, 'method') as { v: string }).v !== 'channels'
    )
      continue;
    const data = field(field(item, 'body'), 'data');
    if (data?.t === 'arr') data.items.sort((a, b) => (a.t === 'str' && b.t === 'str' ? a.v.localeCompare(b.v) : 0));
  }
}

function mask(
  root: JNode,
  pattern: string,
  check: Check,
  problems: string[],
  who: string,
  onlyIfShaped: boolean,
): void {
  const toks = tokens(pattern);
  const key = toks.at(-1) as string | number;
  walk(root, toks.slice(0, -1), (parent) => {
    const set = (k: string | number, n: JNode) => {
      const bad = check(n);
      if (bad !== undefined) {
        // An explicitly given message uid (params.uid) is compared exactly, not masked.
        if (!onlyIfShaped) problems.push(`${who} ${pattern}: expected ${bad}, got ${JSON.stringify(n)}`);
        return n;
      }
      return { t: 'masked', label: `${String(k)}` } as JNode;
    };
    if (parent.t === 'obj')
      parent.entries = parent.entries.map(([k, v]) => [k, key === '*' || k === key ? set(k, v) : v]);
    else if (parent.t === 'arr') parent.items = parent.items.map((v, i) => (key === '*' || i === key ? set(i, v) : v));
  });
}

function normalizePresence(body: JNode, problems: string[], who: string): void {
  if (body.t !== 'arr') return;
  for (const item of body.items) {
    const method = field(item, 'method');
    if (method?.t !== 'str' || method.v !== 'presence') continue;
    const inner = field(item, 'body');
    const data = field(inner, 'data');
    if (data?.t !== 'obj' || inner?.t !== 'obj') continue;
    const values = data.entries.map(([k, v]) => {
      const client = field(v, 'client');
      if (!UUID_V4.test(k)) problems.push(`${who} presence key ${k} is not a uuid v4`);
      if (client?.t !== 'str' || client.v !== k)
        problems.push(`${who} presence client field differs from its key ${k}`);
      if (v.t === 'obj')
        v.entries = v.entries.map(([fk, fv]) => [fk, fk === 'client' ? { t: 'masked', label: 'client' } : fv]);
      return v;
    });
    values.sort((a, b) => userOf(a).localeCompare(userOf(b)));
    inner.entries = inner.entries.map(([k, v]) => [k, k === 'data' ? { t: 'arr', items: values } : v]);
  }
}

function userOf(n: JNode): string {
  const u = field(n, 'user');
  return u?.t === 'str' ? u.v : '';
}

function field(n: JNode | undefined, name: string): JNode | undefined {
  return n?.t === 'obj' ? n.entries.find(([k]) => k === name)?.[1] : undefined;
}

function tokens(pattern: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of pattern.matchAll(/([^.[\]]+)|\[(\*|\d+)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(m[2] === '*' ? '*' : Number(m[2]));
  }
  if (out[0] !== 'body') throw new Error(`pattern must start at body: ${pattern}`);
  return out.slice(1);
}

function walk(n: JNode, toks: readonly (string | number)[], visit: (n: JNode) => void): void {
  if (toks.length === 0) return visit(n);
  const [t, ...rest] = toks;
  if (n.t === 'arr' && (t === '*' || typeof t === 'number')) {
    n.items.forEach((v, i) => (t === '*' || t === i ? walk(v, rest, visit) : undefined));
  } else if (n.t === 'obj' && typeof t === 'string') {
    for (const [k, v] of n.entries) if (t === '*' || k === t) walk(v, rest, visit);
  }
}
