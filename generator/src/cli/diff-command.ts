import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readSnapshotFile } from '../changelog/snapshot.js';
import type { Impact } from '../diff/change.js';
import { diffProtocols } from '../diff/diff-protocols.js';
import { formatDiffJson, formatDiffText, SIDES, type Side } from '../diff/format-diff.js';
import { displayName, loadProtocol, protocolOf } from '../diff/load-protocol.js';
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
 * a schema directory or a snapshot file (`docs/api/protocol.gen.json`: what was last generated).
 */
export async function diffCommand({ values, positionals }: Parsed, io: CliIo): Promise<number> {
  if (positionals.length !== 2) throw new CliUsageError('diff needs two schema directories: OLD_SCHEMA_DIR NEW_SCHEMA_DIR');
  const failOn = values['fail-on'] === undefined ? undefined : FAIL_LEVELS[values['fail-on']];
  if (values['fail-on'] !== undefined && failOn === undefined) throw new CliUsageError(`--fail-on takes ${Object.keys(FAIL_LEVELS).join(', ')}, not "${values['fail-on']}"`);
  const side = values.side ?? 'both';
  if (side !== 'both' && !SIDES.includes(side as Side)) throw new CliUsageError(`--side takes callers, implementers or both, not "${side}"`);

  const [oldDir, newDir] = positionals.map((p) => path.resolve(io.cwd, p)) as [string, string];
  const old = await loadSide('OLD', oldDir, io);
  const neu = await loadSide('NEW', newDir, io);
  if (old === undefined || neu === undefined) return 1;

  const diff = diffProtocols(old, neu);
  io.stdout.write(values.json === true ? formatDiffJson(diff) : formatDiffText(diff));
  if (failOn === undefined) return 0;
  const sides = side === 'both' ? SIDES : [side as Side];
  const failing = diff.changes.filter((c) => sides.some((s) => failOn.includes(c[s])));
  if (failing.length === 0) return 0;
  io.stderr.write(`centkit: ${failing.length} change${failing.length === 1 ? '' : 's'} at --fail-on ${values['fail-on']} for ${sides.join(' and ')}\n`);
  return 1;
}

/** Loads one side; a broken side is reported with all its problems (both sides are always tried). */
async function loadSide(label: string, dir: string, io: CliIo): Promise<ProtocolIR | undefined> {
  try {
    if ((await stat(dir).catch(() => undefined))?.isFile() === true) {
      const snapshot = await readSnapshotFile(dir);
      if (snapshot === undefined) throw new CliUsageError(`${label} ${displayName(dir, io.cwd)} is a file but not a centkit protocol snapshot`);
      return protocolOf({ ...snapshot.set, source: displayName(dir, io.cwd) });
    }
    return (await loadProtocol(dir, io.cwd)).ir;
  } catch (error) {
    if (!(error instanceof SchemaSetError)) throw error;
    io.stderr.write(`centkit: ${label} (${path.relative(io.cwd, dir) || '.'}) has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:\n`);
    for (const p of error.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return undefined;
  }
}
