import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../validate/problem.js';
import { collectRefs } from './refs.js';

export const MANIFEST_FILE = 'protocol.json';

/** A schema directory as read from disk: the manifest and every file it reaches, parsed. */
export interface SchemaSet {
  /** How the directory is named in headers and messages (relative, `/`-separated). */
  readonly source: string;
  readonly manifest: unknown;
  /** Parsed JSON of every file reached from the manifest, keyed by path relative to the directory. */
  readonly files: ReadonlyMap<string, unknown>;
  /** Files that could not be read or parsed. */
  readonly problems: readonly Problem[];
}

/**
 * Reads `protocol.json` and, transitively, every file it names or `$ref`s. Never throws for a
 * bad file: missing or unparsable files become problems, so all of them are reported at once.
 */
export async function loadSchemaSet(dir: string, source: string): Promise<SchemaSet> {
  const problems: Problem[] = [];
  const files = new Map<string, unknown>();
  const manifest = await readJson(dir, MANIFEST_FILE, problems);
  if (manifest === undefined) return { source, manifest, files, problems };

  const queue = [...namedFiles(manifest)];
  const seen = new Set<string>(queue);
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const json = await readJson(dir, file, problems);
    if (json === undefined) continue;
    files.set(file, json);
    for (const ref of collectRefs(json)) {
      if (ref.file === undefined) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref.file));
      if (!seen.has(target) && !target.startsWith('..')) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return { source, manifest, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1))), problems };
}

/** File names the manifest mentions (its shape is checked later; here we only pick strings). */
function namedFiles(manifest: unknown): string[] {
  const out: string[] = [];
  const m = manifest as Record<string, unknown> | null;
  if (m === null || typeof m !== 'object') return out;
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.endsWith('.json')) out.push(path.posix.normalize(v));
  };
  const envelopes = m['envelopes'];
  if (envelopes !== null && typeof envelopes === 'object') Object.values(envelopes).forEach(add);
  if (Array.isArray(m['types'])) m['types'].forEach(add);
  add(m['errors']);
  if (Array.isArray(m['methods'])) {
    for (const method of m['methods']) {
      if (method !== null && typeof method === 'object') {
        add((method as Record<string, unknown>)['params']);
        add((method as Record<string, unknown>)['result']);
      }
    }
  }
  return [...new Set(out)];
}

async function readJson(dir: string, file: string, problems: Problem[]): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(dir, file), 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read: ${String(error)}`;
    problems.push({ code: 'file-unreadable', message: reason, file, path: '' });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push({ code: 'json-invalid', message: `not valid JSON: ${(error as Error).message}`, file, path: '' });
    return undefined;
  }
}
