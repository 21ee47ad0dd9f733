import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diffProtocols, type ProtocolDiff } from '../diff/diff-protocols.js';
import { protocolOf } from '../diff/load-protocol.js';
import type { GeneratedFile } from '../emit/emitter.js';
import type { ProtocolIR } from '../ir/types.js';
import type { SchemaSet } from '../load/load-schema-set.js';
import { entryKey, entryLines, insertEntry, type EntryInput } from './changelog-entry.js';
import { protocolHash, readSnapshot, snapshotFile } from './snapshot.js';

/** A package is a `packages/<name>/` folder an emitter writes into; its changelog sits at its root. */
const PACKAGE_FILE = /^packages\/([^/]+)\//;

/**
 * The changelog step of `generate`, between the emitters and the write plan. It returns the new
 * protocol snapshot and, for each package, its CHANGELOG.md with a new entry on top when:
 * - there is no snapshot yet (the first entry names the protocol), or
 * - the protocol changed since the snapshot (another hash) and this run changes at least one
 *   of the package's generated files: the entry lists the diff from the snapshot.
 * With the snapshot up to date nothing else is returned, so a second run, and `--check` on a
 * fresh tree, change nothing. Entries are keyed by the two hashes and never written twice.
 */
export async function planChangelog(outDir: string, set: SchemaSet, ir: ProtocolIR, files: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  const snapshot = snapshotFile(set);
  const hash = protocolHash(set);
  const previous = await readSnapshot(outDir);
  if (previous?.hash === hash) return [snapshot];

  const diff = previous === undefined ? undefined : diffFrom(previous.set, ir);
  const input: EntryInput = { ir, hash, previous: previous === undefined || diff === undefined ? undefined : { hash: previous.hash, diff } };
  const out: GeneratedFile[] = [snapshot];
  for (const [name, own] of packagesOf(files)) {
    if (input.previous !== undefined && !(await anyChanged(outDir, own))) continue;
    const file = `packages/${name}/CHANGELOG.md`;
    const current = await readFile(path.join(outDir, file), 'utf8').catch(() => undefined);
    if (current?.includes(entryKey(input)) === true) continue;
    out.push({ path: file, content: insertEntry(current, entryLines(input)) });
  }
  return out;
}

/** The diff from the snapshot's protocol; undefined when the snapshot no longer loads (it is then treated as a first entry). */
function diffFrom(previous: SchemaSet, ir: ProtocolIR): ProtocolDiff | undefined {
  try {
    return diffProtocols(protocolOf(previous), ir);
  } catch {
    return undefined;
  }
}

function packagesOf(files: readonly GeneratedFile[]): Map<string, GeneratedFile[]> {
  const packages = new Map<string, GeneratedFile[]>();
  for (const file of files) {
    const name = PACKAGE_FILE.exec(file.path)?.[1];
    if (name !== undefined) packages.set(name, [...(packages.get(name) ?? []), file]);
  }
  return new Map([...packages].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function anyChanged(outDir: string, files: readonly GeneratedFile[]): Promise<boolean> {
  for (const file of files) {
    if ((await readFile(path.join(outDir, file.path), 'utf8').catch(() => undefined)) !== file.content) return true;
  }
  return false;
}
