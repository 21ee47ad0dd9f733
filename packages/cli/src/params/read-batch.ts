/**
 * `--batch FILE` (or `-` for stdin): JSON lines, one `{"method": ..., "params": {...}}` per
 * line (`params` may be left out: `{}`); blank lines are skipped. The file is streamed, never
 * held whole: a regular file can be read twice (once to check every line, once to send), stdin
 * only once. A problem names its line.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Command } from '@centkit/client';
import { paramsError } from '../errors.js';
import { MAX_JSON_BODY_BYTES } from '../input/limits.js';
import type { CliIo } from '../io.js';
import { kindOf, parseJson } from './parse-json.js';
import { splitLines } from './split-lines.js';

export interface BatchLine extends Command {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly params: Record<string, unknown>;
}

export interface BatchSource {
  /** `batch.jsonl`, `stdin`: for messages. */
  readonly name: string;
  /** A regular file: `lines()` may be called again and gives the same lines. */
  readonly rereadable: boolean;
  lines(): AsyncIterable<BatchLine>;
}

const FIX = 'Write one JSON object per line: {"method":"publish","params":{"channel":"news","data":1}}.';

export function openBatch(file: string, io: CliIo): BatchSource {
  if (file === '-') {
    return { name: 'stdin', rereadable: false, lines: () => parseLines(io.stdin(), 'the batch on stdin') };
  }
  let rereadable: boolean;
  try {
    rereadable = statSync(file).isFile();
  } catch (error) {
    throw unreadable(file, error);
  }
  return { name: file, rereadable, lines: () => parseLines(fileChunks(file), `batch file ${file}`) };
}

async function* fileChunks(file: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  } catch (error) {
    throw unreadable(file, error);
  }
}

async function* parseLines(chunks: AsyncIterable<Uint8Array>, where: string): AsyncGenerator<BatchLine> {
  for await (const { number, text } of splitLines(chunks, MAX_JSON_BODY_BYTES, where)) {
    if (text.trim() === '') continue;
    yield parseLine(text, number);
  }
}

function parseLine(raw: string, line: number): BatchLine {
  const where = `batch line ${line}`;
  const item = parseJson(raw, where, FIX);
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    throw paramsError(`${where} must be a JSON object, not ${kindOf(item)}`, FIX);
  const { method, params, ...rest } = item as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw paramsError(`${where} has an unknown key ${JSON.stringify(extra)}`, FIX);
  if (typeof method !== 'string') throw paramsError(`${where} has no "method" string`, FIX);
  if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
    throw paramsError(`params on ${where} must be a JSON object, not ${kindOf(params)}`, FIX);
  }
  return { line, method, params: (params ?? {}) as Record<string, unknown> };
}

export function noCommands(source: BatchSource): Error {
  return paramsError(`the batch ${source.name === 'stdin' ? 'on stdin' : source.name} has no commands`, FIX);
}

function unreadable(file: string, error: unknown): Error {
  if (error instanceof Error && error.name === 'CliError') return error;
  const code = (error as { code?: unknown }).code;
  const why =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? 'does not exist'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${String(code)})`;
  return paramsError(
    `batch file ${file} ${why}`,
    'Give the path of a JSON lines file, or - to read the batch from stdin.',
  );
}
