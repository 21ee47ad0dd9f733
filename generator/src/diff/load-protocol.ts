import path from 'node:path';
import { buildIR } from '../ir/build-ir.js';
import type { ProtocolIR } from '../ir/types.js';
import { loadSchemaSet, type SchemaSet } from '../load/load-schema-set.js';
import { SchemaSetError } from '../validate/problem.js';
import { validateSchemaSet } from '../validate/validate-schema-set.js';

/**
 * A protocol definition directory through the generator's own first stages: load → validate →
 * IR. Throws `SchemaSetError` with every problem when the set is broken.
 */
export async function loadProtocol(
  schemaDir: string,
  cwd: string,
): Promise<{ readonly set: SchemaSet; readonly ir: ProtocolIR }> {
  const set = await loadSchemaSet(schemaDir, displayName(schemaDir, cwd));
  return { set, ir: protocolOf(set) };
}

/** Validate → IR for a set already loaded (from disk or from a snapshot). */
export function protocolOf(set: SchemaSet): ProtocolIR {
  const problems = validateSchemaSet(set);
  if (problems.length > 0) throw new SchemaSetError(problems, set.source);
  return buildIR(set);
}

/** How a directory is named in reports: relative to the working directory when inside it. */
export function displayName(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return dir.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}
