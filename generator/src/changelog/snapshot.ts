import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from '../diff/canonical-json.js';
import type { GeneratedFile } from '../emit/emitter.js';
import { headerLines } from '../emit/header.js';
import type { SchemaSet } from '../load/load-schema-set.js';

/**
 * The protocol definition the outputs were last generated from: the manifest and every file it
 * reaches, in one generated JSON file (where it lives is the protocol's `snapshot` setting). The
 * next `generate` diffs the new definition against it to write changelog entries. It is the
 * definition itself (not the IR), so a newer generator reads an older snapshot through the same
 * load → validate → IR stages as the schema directory.
 */
const FORMAT = 'centkit-snapshot/1';

export interface Snapshot {
  readonly hash: string;
  readonly set: SchemaSet;
}

/** 12 hex digits of SHA-256 over the definition with keys sorted: equal definitions, equal hash. */
export function protocolHash(set: SchemaSet): string {
  const digest = createHash('sha256')
    .update(canonicalJson({ manifest: set.manifest, files: Object.fromEntries(set.files) }))
    .digest('hex');
  return digest.slice(0, 12);
}

/** The snapshot file of `set`; `hash` is its `protocolHash`, when the caller has it already. */
export function snapshotFile(set: SchemaSet, file: string, hash: string = protocolHash(set)): GeneratedFile {
  const m = set.manifest as { name?: unknown; version?: unknown };
  const content = {
    $comment: `${headerLines(set.source).join(' ')} The protocol definition the packages were last generated from; the next generate diffs against it for CHANGELOG entries.`,
    format: FORMAT,
    source: set.source,
    name: m.name,
    version: m.version,
    hash,
    manifest: set.manifest,
    files: Object.fromEntries(set.files),
  };
  return { path: file, content: `${JSON.stringify(content, null, 2)}\n` };
}

/** A snapshot file anywhere (e.g. given to `centkit diff`), or undefined when it is not one. */
export async function readSnapshotFile(file: string): Promise<Snapshot | undefined> {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const files = parsed['files'];
  if (parsed['format'] !== FORMAT || typeof parsed['hash'] !== 'string' || files === null || typeof files !== 'object')
    return undefined;
  const set: SchemaSet = {
    source: typeof parsed['source'] === 'string' ? parsed['source'] : path.basename(file),
    manifest: parsed['manifest'],
    files: new Map(Object.entries(files as Record<string, unknown>)),
    problems: [],
  };
  return { hash: parsed['hash'], set };
}
