import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WritePlan } from './plan-write.js';

/**
 * Carries out a plan: every new content goes to a temporary file first, then all are renamed
 * into place, so a failure while writing leaves no file half-written.
 */
export async function applyPlan(outDir: string, plan: WritePlan): Promise<void> {
  const staged: { tmp: string; target: string }[] = [];
  try {
    for (const file of plan.write) {
      const target = path.join(outDir, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, file.content, 'utf8');
      staged.push({ tmp, target });
    }
  } catch (error) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw error;
  }
  for (const { tmp, target } of staged) await rename(tmp, target);
  for (const rel of plan.remove) await rm(path.join(outDir, rel), { force: true });
}
