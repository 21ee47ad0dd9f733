import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');
export const fixture = (name: string) => path.join(repoRoot, 'generator/test/fixtures', name);

/**
 * A scratch output root inside the repository's `.tmp/` (so Node resolves the repository's
 * node_modules from it) holding a copy of the packages' hand-written sources without their
 * generated folders: what a generator run for another protocol would start from.
 */
export async function scratchRoot(label: string): Promise<{ dir: string; dispose: () => Promise<void> }> {
  await mkdir(path.join(repoRoot, '.tmp'), { recursive: true });
  const dir = await mkdtemp(path.join(repoRoot, '.tmp', `${label}-`));
  for (const pkg of ['validators', 'client', 'mock', 'cli']) {
    const from = path.join(repoRoot, 'packages', pkg, 'src');
    await cp(from, path.join(dir, 'packages', pkg, 'src'), {
      recursive: true,
      // Judged inside src only: the checkout's own path may hold a folder named `gen`.
      filter: (src) => !path.relative(from, src).split(path.sep).includes('gen'),
    }).catch(() => undefined);
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
