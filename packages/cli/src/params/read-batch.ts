/**
 * `--batch FILE` (or `-` for stdin): JSON lines, one `{"method": ..., "params": {...}}` per
 * line (`params` may be left out: `{}`); blank lines are skipped. Every line is checked before
 * anything is sent; a problem names its line.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from '@centkit/client';
import { paramsError } from '../errors.js';
import type { CliIo } from '../io.js';
import { kindOf, parseJson } from './parse-json.js';

export interface BatchLine extends Command {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly params: Record<string, unknown>;
}

const FIX = 'Write one JSON object per line: {"method":"publish","params":{"channel":"news","data":1}}.';

export async function readBatch(file: string, io: CliIo): Promise<BatchLine[]> {
  const text = file === '-' ? (await io.readStdin()).toString('utf8') : await readBatchFile(file);
  const commands: BatchLine[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    const where = `batch line ${index + 1}`;
    const item = parseJson(raw, where, FIX);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw paramsError(`${where} must be a JSON object, not ${kindOf(item)}`, FIX);
    const { method, params, ...rest } = item as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw paramsError(`${where} has an unknown key ${JSON.stringify(extra)}`, FIX);
    if (typeof method !== 'string') throw paramsError(`${where} has no "method" string`, FIX);
    if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
      throw paramsError(`params on ${where} must be a JSON object, not ${kindOf(params)}`, FIX);
    }
    commands.push({ line: index + 1, method, params: (params ?? {}) as Record<string, unknown> });
  }
  if (commands.length === 0) throw paramsError(`the batch ${file === '-' ? 'on stdin' : file} has no commands`, FIX);
  return commands;
}

async function readBatchFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${String(code)})`;
    throw paramsError(`batch file ${file} ${why}`, 'Give the path of a JSON lines file, or - to read the batch from stdin.');
  }
}
