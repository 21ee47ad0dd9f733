import type { ProtocolIR, TransportIR } from '../ir/types.js';
import { makeChange, type Change, type Subject } from './change.js';

/**
 * Settings a sender and a receiver must agree on: any difference is `transport-changed`.
 * `batch`, the queue's `shardKey`, `default` and the methods carried have their own rules.
 */
const SETTINGS: readonly (readonly [string, (t: TransportIR) => unknown])[] = [
  ['kind', (t) => t.kind],
  ['http', (t) => (t.http === undefined ? undefined : 'set')],
  ['queue', (t) => (t.queue === undefined ? undefined : 'set')],
  ['http.method', (t) => t.http?.method],
  ['http.path', (t) => t.http?.path],
  ['http.body', (t) => t.http?.body],
  ['http.contentType', (t) => t.http?.contentType],
  ['http.dataField', (t) => t.http?.dataField],
  ['queue.system', (t) => t.queue?.system],
  ['queue.keys', (t) => t.queue?.keys.join(',')],
  ['queue.push', (t) => t.queue?.push],
  ['queue.itemsPerCommand', (t) => t.queue?.itemsPerCommand],
  ['queue.shardKey', (t) => t.queue?.shardKey],
  ['sign', (t) => (t.sign === undefined ? undefined : 'set')],
  ['sign.algorithm', (t) => t.sign?.algorithm],
  ['sign.encoding', (t) => t.sign?.encoding],
  ['sign.field', (t) => t.sign?.field],
  ['sign.header', (t) => t.sign?.header],
  ['sign.optional', (t) => t.sign?.optional],
];

export function compareTransports(old: ProtocolIR, neu: ProtocolIR): Change[] {
  const before = new Map(old.transports.map((t) => [t.id, t]));
  const after = new Map(neu.transports.map((t) => [t.id, t]));
  // Methods added or removed are reported once, as methods; not again per transport.
  const common = new Set(neu.methods.map((m) => m.name).filter((name) => old.methods.some((m) => m.name === name)));
  const changes: Change[] = [];
  for (const t of neu.transports) {
    const subject: Subject = { kind: 'transport', name: t.id };
    const previous = before.get(t.id);
    if (previous === undefined) changes.push(makeChange('transport-added', subject, [], `${t.kind}, methods ${t.methods.join(', ')}`));
    else changes.push(...compareTransport(previous, t, subject, common));
  }
  for (const t of old.transports) if (!after.has(t.id)) changes.push(makeChange('transport-removed', { kind: 'transport', name: t.id }, [], t.kind));
  const defaultBefore = old.transports.find((t) => t.isDefault)?.id;
  const defaultAfter = neu.transports.find((t) => t.isDefault)?.id;
  if (defaultBefore !== defaultAfter && defaultAfter !== undefined) {
    changes.push(makeChange('transport-default-changed', { kind: 'transport', name: defaultAfter }, ['default'], `default ${defaultBefore ?? 'none'} → ${defaultAfter}`));
  }
  return changes;
}

function compareTransport(old: TransportIR, neu: TransportIR, subject: Subject, common: ReadonlySet<string>): Change[] {
  const changes: Change[] = [];
  for (const [name, read] of SETTINGS) {
    const a = read(old);
    const b = read(neu);
    const group = name.split('.')[0] as 'http' | 'queue' | 'sign';
    // A whole group (http, queue, sign) that appeared or disappeared is one change.
    if (a === b || (name.includes('.') && (old[group] === undefined || neu[group] === undefined))) continue;
    if (name === 'queue.shardKey' && (a === undefined || b === undefined)) {
      changes.push(makeChange(a === undefined ? 'transport-shard-added' : 'transport-shard-removed', subject, ['queue', 'shardKey'], `shard keys ${String(a ?? b)}`));
    } else {
      changes.push(makeChange('transport-changed', subject, name.split('.'), `${name} ${show(a)} → ${show(b)}`));
    }
  }
  if (old.batch !== neu.batch) changes.push(makeChange(neu.batch ? 'transport-batch-added' : 'transport-batch-removed', subject, ['batch'], `batch ${old.batch} → ${neu.batch}`));
  for (const m of neu.methods) if (common.has(m) && !old.methods.includes(m)) changes.push(makeChange('transport-method-added', subject, ['methods', m], `now carries ${m}`));
  for (const m of old.methods) if (common.has(m) && !neu.methods.includes(m)) changes.push(makeChange('transport-method-removed', subject, ['methods', m], `no longer carries ${m}`));
  return changes;
}

function show(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}
