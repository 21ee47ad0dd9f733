import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from '../emit/emitter.js';
import { isGenerated } from '../emit/header.js';

export type FileStatus = 'new' | 'changed' | 'unchanged' | 'stale';

/** What writing the files would do, decided before anything is touched. */
export interface WritePlan {
  /** Files to create or overwrite. */
  readonly write: readonly GeneratedFile[];
  readonly unchanged: readonly string[];
  /** Generated files in owned folders that no emitter writes any more. */
  readonly remove: readonly string[];
  /** Every path with its status, sorted. */
  readonly statuses: readonly { readonly path: string; readonly status: FileStatus }[];
}

/**
 * Compares the files with what is on disk, and finds the stale ones: generated files in
 * `ownedDirs` that are not among them. A file that lies in one of `othersDirs` (folders owned by
 * protocols not in this run) at least as deep as the owned folder it was found in is theirs, and
 * left alone.
 */
export async function planWrite(
  outDir: string,
  files: readonly GeneratedFile[],
  ownedDirs: readonly string[],
  othersDirs: readonly string[] = [],
): Promise<WritePlan> {
  const write: GeneratedFile[] = [];
  const unchanged: string[] = [];
  const statuses: { path: string; status: FileStatus }[] = [];
  for (const file of files) {
    const current = await readFile(path.join(outDir, file.path), 'utf8').catch(() => undefined);
    if (current === file.content) {
      unchanged.push(file.path);
      statuses.push({ path: file.path, status: 'unchanged' });
    } else {
      write.push(file);
      statuses.push({ path: file.path, status: current === undefined ? 'new' : 'changed' });
    }
  }
  const produced = new Set(files.map((f) => f.path));
  const remove: string[] = [];
  for (const dir of [...new Set(ownedDirs)].sort()) {
    const theirs = othersDirs.filter((other) => other.length >= dir.length);
    for (const rel of await listFiles(outDir, dir)) {
      if (produced.has(rel) || theirs.some((other) => rel.startsWith(`${other}/`))) continue;
      const text = await readFile(path.join(outDir, rel), 'utf8').catch(() => '');
      if (isGenerated(text)) {
        remove.push(rel);
        statuses.push({ path: rel, status: 'stale' });
      }
    }
  }
  statuses.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { write, unchanged, remove, statuses };
}

async function listFiles(outDir: string, dir: string): Promise<string[]> {
  const entries = await readdir(path.join(outDir, dir), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      path.posix.join(
        path
          .relative(outDir, e.parentPath ?? e.path)
          .split(path.sep)
          .join('/'),
        e.name,
      ),
    )
    .sort();
}
