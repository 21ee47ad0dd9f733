import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProtocolJob } from '../config/protocol-job.js';
import { diffProtocols, type ProtocolDiff } from '../diff/diff-protocols.js';
import { protocolOf } from '../diff/load-protocol.js';
import type { GeneratedFile } from '../emit/emitter.js';
import type { PlacedFile } from '../emit/run-emitters.js';
import type { ProtocolIR } from '../ir/types.js';
import type { SchemaSet } from '../load/load-schema-set.js';
import { entryKey, entryLines, insertEntry, type EntryInput } from './changelog-entry.js';
import { protocolHash, readSnapshotFile, snapshotFile } from './snapshot.js';
import { upgradeSnapshot } from './upgrade-snapshot.js';

/**
 * Changelogs as planned so far in this run, by path: a later protocol of the same run adds its
 * entry on top of what an earlier one planned for the same file.
 */
export type PendingChangelogs = Map<string, string>;

/**
 * The changelog step of `generate` for one protocol, between its emitters and the write plan.
 * It returns the protocol's new snapshot and, for each changelog its emitters feed (the
 * `changelog` of each configured output), the file with a new entry on top when:
 * - there is no snapshot yet (the first entry names the protocol), or
 * - the protocol changed since the snapshot (another hash) and this run changes at least one of
 *   the files that feed the changelog: the entry lists the diff from the snapshot.
 * With the snapshot up to date nothing else is returned, so a second run, and `--check` on a
 * fresh tree, change nothing. Entries are keyed by the two hashes and never written twice. A
 * protocol without a snapshot setting gets neither.
 */
export async function planChangelog(
  root: string,
  job: ProtocolJob,
  set: SchemaSet,
  ir: ProtocolIR,
  files: readonly PlacedFile[],
  pending: PendingChangelogs,
): Promise<GeneratedFile[]> {
  if (job.snapshot === undefined) return [];
  // The hash of the whole definition (its canonical JSON) is computed once, for both.
  const hash = protocolHash(set);
  const snapshot = snapshotFile(set, job.snapshot, hash);
  const previous = await readSnapshotFile(path.join(root, job.snapshot));
  if (previous?.hash === hash) return [snapshot];

  const diff = previous === undefined ? undefined : diffFrom(upgradeSnapshot(previous.set, set.manifest), ir);
  const input: EntryInput = {
    ir,
    hash,
    previous: previous === undefined || diff === undefined ? undefined : { hash: previous.hash, diff },
  };
  for (const [changelog, own] of changelogsOf(job, files)) {
    if (input.previous !== undefined && !(await anyChanged(root, own))) continue;
    const current =
      pending.get(changelog) ?? (await readFile(path.join(root, changelog), 'utf8').catch(() => undefined));
    if (current?.includes(entryKey(input)) === true) continue;
    pending.set(changelog, insertEntry(current, entryLines(input)));
  }
  return [snapshot];
}

/** The diff from the snapshot's protocol; undefined when the snapshot no longer loads (it is then treated as a first entry). */
function diffFrom(previous: SchemaSet, ir: ProtocolIR): ProtocolDiff | undefined {
  try {
    return diffProtocols(protocolOf(previous), ir);
  } catch {
    return undefined;
  }
}

/** The files feeding each changelog, by changelog path, sorted. */
function changelogsOf(job: ProtocolJob, files: readonly PlacedFile[]): Map<string, PlacedFile[]> {
  const feeds = new Map(job.emitters.map((r) => [r.emitter.name, r.changelog]));
  const changelogs = new Map<string, PlacedFile[]>();
  for (const file of files) {
    const changelog = feeds.get(file.emitter);
    if (changelog !== undefined) changelogs.set(changelog, [...(changelogs.get(changelog) ?? []), file]);
  }
  return new Map([...changelogs].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function anyChanged(root: string, files: readonly GeneratedFile[]): Promise<boolean> {
  for (const file of files) {
    if ((await readFile(path.join(root, file.path), 'utf8').catch(() => undefined)) !== file.content) return true;
  }
  return false;
}
