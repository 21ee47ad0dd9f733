import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readSnapshotFile } from '../changelog/snapshot.js';
import type { Impact } from '../diff/change.js';
import { diffProtocols } from '../diff/diff-protocols.js';
import { formatDiffJson, formatDiffText, SIDES, type Side } from '../diff/format-diff.js';
import { displayName, protocolOf } from '../diff/load-protocol.js';
import { loadSchemaSet, type SchemaSet } from '../load/load-schema-set.js';
import { upgradeSnapshot } from '../changelog/upgrade-snapshot.js';
import type { ProtocolIR } from '../ir/types.js';
import { SchemaSetError, formatProblem } from '../validate/problem.js';
import { CliUsageError, type CliIo } from './io.js';

/** `--fail-on`: which impacts make the command exit 1 (each level includes the ones before it). */
const FAIL_LEVELS: Readonly<Record<string, readonly Impact[]>> = {
  breaking: ['breaking'],
  unknown: ['breaking', 'unknown'],
  any: ['breaking', 'unknown', 'compatible', 'unaffected'],
};

interface Parsed {
  readonly values: { json?: boolean | undefined; 'fail-on'?: string | undefined; side?: string | undefined };
  readonly positionals: string[];
}

/**
 * `centkit diff OLD NEW`: classify every change between two protocol definitions. Each side is
 * a schema directory or a snapshot file (a protocol's `snapshot`: what was last generated).
 */
export async function diffCommand({ values, positionals }: Parsed, io: CliIo): Promise<number> {
  if (positionals.length !== 2)
    throw new CliUsageError('diff needs two schema directories: OLD_SCHEMA_DIR NEW_SCHEMA_DIR');
  const failOn = values['fail-on'] === undefined ? undefined : FAIL_LEVELS[values['fail-on']];
  if (values['fail-on'] !== undefined && failOn === undefined)
    throw new CliUsageError(`--fail-on takes ${Object.keys(FAIL_LEVELS).join(', ')}, not "${values['fail-on']}"`);
  const side = values.side ?? 'both';
  if (side !== 'both' && !SIDES.includes(side as Side))
    throw new CliUsageError(`--side takes callers, implementers or both, not "${side}"`);

  const [oldDir, newDir] = positionals.map((p) => path.resolve(io.cwd, p)) as [string, string];
  const oldSet = await readSide('OLD', oldDir, io);
  const newSet = await readSide('NEW', newDir, io);
  // A snapshot in an older format is read in today's, filling what it did not say from the other side.
  const old = toIR('OLD', oldDir, oldSet.snapshot ? upgradeSnapshot(oldSet.set, newSet.set.manifest) : oldSet.set, io);
  const neu = toIR('NEW', newDir, newSet.snapshot ? upgradeSnapshot(newSet.set, oldSet.set.manifest) : newSet.set, io);
  if (old === undefined || neu === undefined) return 1;

  const diff = diffProtocols(old, neu);
  io.stdout.write(values.json === true ? formatDiffJson(diff) : formatDiffText(diff));
  if (failOn === undefined) return 0;
  const sides = side === 'both' ? SIDES : [side as Side];
  const failing = diff.changes.filter((c) => sides.some((s) => failOn.includes(c[s])));
  if (failing.length === 0) return 0;
  io.stderr.write(
    `centkit: ${failing.length} change${failing.length === 1 ? '' : 's'} at --fail-on ${values['fail-on']} for ${sides.join(' and ')}\n`,
  );
  return 1;
}

/** Reads one side: a snapshot file or a schema directory. */
async function readSide(label: string, dir: string, io: CliIo): Promise<{ set: SchemaSet; snapshot: boolean }> {
  if ((await stat(dir).catch(() => undefined))?.isFile() === true) {
    const snapshot = await readSnapshotFile(dir);
    if (snapshot === undefined)
      throw new CliUsageError(`${label} ${displayName(dir, io.cwd)} is a file but not a centkit protocol snapshot`);
    return { set: { ...snapshot.set, source: displayName(dir, io.cwd) }, snapshot: true };
  }
  return { set: await loadSchemaSet(dir, displayName(dir, io.cwd)), snapshot: false };
}

/** Validate → IR for one side; a broken side is reported with all its problems (both sides are always tried). */
function toIR(label: string, dir: string, set: SchemaSet, io: CliIo): ProtocolIR | undefined {
  try {
    return protocolOf(set);
  } catch (error) {
    if (!(error instanceof SchemaSetError)) throw error;
    io.stderr.write(
      `centkit: ${label} (${path.relative(io.cwd, dir) || '.'}) has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:\n`,
    );
    for (const p of error.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return undefined;
  }
}
