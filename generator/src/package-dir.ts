/**
 * The generator package's own folder (where `package.json`, `centkit.config.schema.json` and the
 * shipped `schemas/` sit), found by looking up from this module for the package's manifest: the
 * modules run from `dist/<folder>/` and, bundled, from `dist/bundle/` or its chunks, so no one
 * relative path reaches it from all of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = '@centkit/generator';
let found: string | undefined;

export function packageDir(): string {
  if (found !== undefined) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === NAME)
      return (found = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`${NAME}: no package.json of its own above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** A file or folder of the package, by its path inside it. */
export function packageFile(relative: string): string {
  return path.join(packageDir(), relative);
}
