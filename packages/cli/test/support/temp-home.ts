import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A temporary HOME with a `.centrc` of the given text (or none); `dispose` removes it. */
export async function tempHome(centrc?: string): Promise<{
  dir: string;
  centrc: string;
  write(name: string, text: string): Promise<string>;
  dispose(): Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cent-home-'));
  const centrcPath = path.join(dir, '.centrc');
  if (centrc !== undefined) await writeFile(centrcPath, centrc);
  return {
    dir,
    centrc: centrcPath,
    async write(name, text) {
      const file = path.join(dir, name);
      await writeFile(file, text);
      return file;
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
