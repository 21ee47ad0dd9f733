import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fixture } from './workspace.js';

/** A schema directory in memory: parsed JSON by path relative to the directory. */
export type SchemaFiles = Record<string, any>;

/** Every JSON file of a fixture directory, parsed (a fresh copy each call). */
export async function readFixture(name: string): Promise<SchemaFiles> {
  const dir = fixture(name);
  const files: SchemaFiles = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full).split(path.sep).join('/')] = JSON.parse(await readFile(full, 'utf8'));
  }
  return files;
}

/** Writes the files as a schema directory `<root>/<label>` and returns its path. */
export async function writeSchemaDir(root: string, label: string, files: SchemaFiles): Promise<string> {
  const dir = path.join(root, label);
  for (const [file, json] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), `${JSON.stringify(json, null, 2)}\n`);
  }
  return dir;
}

/** The kvstore fixture, edited. */
export async function editedKvstore(edit: (files: SchemaFiles) => void): Promise<SchemaFiles> {
  const files = await readFixture('kvstore');
  edit(files);
  return files;
}
