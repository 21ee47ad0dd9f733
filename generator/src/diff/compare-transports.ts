import type { ProtocolIR, TransportIR } from '../ir/types.js';
import { makeChange, type Change, type Subject } from './change.js';

/**
 * Parts of a descriptor that may be there or not: one appearing or disappearing is one change
 * (`batch` by its own rule), a setting inside one present on both sides is compared leaf by leaf.
 */
const GROUPS = ['http', 'queue', 'auth', 'error', 'batch'] as const;

/**
 * Every setting a sender and a receiver must agree on (`transport-changed`), as leaves of the
 * descriptor: `http.path`, `request.shape`, `auth.alternatives`, `error.transportMode.header`...
 * The queue's `shardKey`, whether a batch is taken, the default and the methods carried have
 * rules of their own; the description is documentation.
 */
function settings(t: TransportIR): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (value: unknown, at: string[]) => {
    if (value === undefined) return;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...at, key]);
    } else out.set(at.join('.'), Array.isArray(value) ? JSON.stringify(value) : value);
  };
  walk(
    {
      kind: t.kind,
      http: t.http,
      queue: t.queue,
      request: t.request,
      reply: t.reply,
      auth: t.auth,
      error: t.error,
      batch: t.batch,
    },
    [],
  );
  out.delete('queue.shardKey');
  return out;
}

export function compareTransports(old: ProtocolIR, neu: ProtocolIR): Change[] {
  const before = new Map(old.transports.map((t) => [t.id, t]));
  const after = new Map(neu.transports.map((t) => [t.id, t]));
  // Methods added or removed are reported once, as methods; not again per transport.
  const common = new Set(neu.methods.map((m) => m.name).filter((name) => old.methods.some((m) => m.name === name)));
  const changes: Change[] = [];
  for (const t of neu.transports) {
    const subject: Subject = { kind: 'transport', name: t.id };
    const previous = before.get(t.id);
    if (previous === undefined)
      changes.push(makeChange('transport-added', subject, [], `${t.kind}, methods ${t.methods.join(', ')}`));
    else changes.push(...compareTransport(previous, t, subject, common));
  }
  for (const t of old.transports)
    if (!after.has(t.id)) changes.push(makeChange('transport-removed', { kind: 'transport', name: t.id }, [], t.kind));
  const defaultBefore = old.transports.find((t) => t.isDefault)?.id;
  const defaultAfter = neu.transports.find((t) => t.isDefault)?.id;
  if (defaultBefore !== defaultAfter && defaultAfter !== undefined) {
    changes.push(
      makeChange(
        'transport-default-changed',
        { kind: 'transport', name: defaultAfter },
        ['default'],
        `default ${defaultBefore ?? 'none'} → ${defaultAfter}`,
      ),
    );
  }
  return changes;
}

function compareTransport(old: TransportIR, neu: TransportIR, subject: Subject, common: ReadonlySet<string>): Change[] {
  const changes: Change[] = [];
  const a = settings(old);
  const b = settings(neu);
  // A group that appeared or disappeared is one change, not one per setting in it.
  const whole = new Set(GROUPS.filter((g) => (old[g] === undefined) !== (neu[g] === undefined)));
  for (const group of whole) {
    if (group === 'batch')
      changes.push(
        makeChange(
          neu.batch === undefined ? 'transport-batch-removed' : 'transport-batch-added',
          subject,
          ['batch'],
          `batch ${describe(old.batch)} → ${describe(neu.batch)}`,
        ),
      );
    else
      changes.push(
        makeChange(
          'transport-changed',
          subject,
          [group],
          `${group} ${old[group] === undefined ? 'none' : 'set'} → ${neu[group] === undefined ? 'none' : 'set'}`,
        ),
      );
  }
  for (const name of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(name) === b.get(name) || whole.has(name.split('.')[0] as (typeof GROUPS)[number])) continue;
    changes.push(
      makeChange('transport-changed', subject, name.split('.'), `${name} ${show(a.get(name))} → ${show(b.get(name))}`),
    );
  }
  const shardBefore = old.queue?.shardKey;
  const shardAfter = neu.queue?.shardKey;
  if (old.queue !== undefined && neu.queue !== undefined && shardBefore !== shardAfter) {
    if (shardBefore === undefined || shardAfter === undefined) {
      changes.push(
        makeChange(
          shardBefore === undefined ? 'transport-shard-added' : 'transport-shard-removed',
          subject,
          ['queue', 'shardKey'],
          `shard keys ${shardBefore ?? shardAfter ?? ''}`,
        ),
      );
    } else
      changes.push(
        makeChange(
          'transport-changed',
          subject,
          ['queue', 'shardKey'],
          `queue.shardKey ${show(shardBefore)} → ${show(shardAfter)}`,
        ),
      );
  }
  for (const m of neu.methods)
    if (common.has(m) && !old.methods.includes(m))
      changes.push(makeChange('transport-method-added', subject, ['methods', m], `now carries ${m}`));
  for (const m of old.methods)
    if (common.has(m) && !neu.methods.includes(m))
      changes.push(makeChange('transport-method-removed', subject, ['methods', m], `no longer carries ${m}`));
  return changes;
}

function describe(batch: TransportIR['batch']): string {
  if (batch === undefined) return 'none';
  return batch.item === 'array' ? 'array of commands' : `keyed, method ${batch.method}`;
}

function show(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}
