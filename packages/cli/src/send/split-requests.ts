/**
 * Commands cut into requests, in order, each as large as fits under the body limit of its
 * encoding (`request-size.ts`): a batch that fits goes as one request, as before; a longer one
 * as several, instead of one the server cannot read. Reads its input as it goes, so memory
 * holds one request at a time.
 */
import type { Command } from '@centkit/client';
import { paramsError } from '../errors.js';
import { commandBytes, commandJson, emptyBodyBytes, MAX_BODY_BYTES, type Encoding } from './request-size.js';

export interface Numbered extends Command {
  /** Batch line, or undefined for the one command of a call. */
  readonly line?: number;
}

export async function* splitRequests<T extends Numbered>(
  commands: AsyncIterable<T> | Iterable<T>,
  encoding: Encoding,
): AsyncGenerator<T[]> {
  const max = MAX_BODY_BYTES[encoding];
  let chunk: T[] = [];
  let size = emptyBodyBytes(encoding);
  for await (const command of commands) {
    const json = commandJson(command.method, command.params);
    let bytes = commandBytes(encoding, json, chunk.length);
    if (size + bytes > max && chunk.length > 0) {
      yield chunk;
      chunk = [];
      size = emptyBodyBytes(encoding);
      bytes = commandBytes(encoding, json, 0);
    }
    if (size + bytes > max) throw tooLarge(command, encoding, size + bytes);
    chunk.push(command);
    size += bytes;
  }
  if (chunk.length > 0) yield chunk;
}

function tooLarge(command: Numbered, encoding: Encoding, bytes: number): Error {
  const what =
    command.line === undefined ? `the ${command.method} request` : `the command on batch line ${command.line}`;
  const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;
  if (encoding === 'form') {
    return paramsError(
      `${what} is ${mib(bytes)} form-encoded, more than the ${mib(MAX_BODY_BYTES.form)} of a form body Centrifugo reads (it would answer 400 and run nothing)`,
      'Send it with --encoding json, which has no such limit, or make it smaller.',
    );
  }
  return paramsError(
    `${what} is ${mib(bytes)}, more than the ${mib(MAX_BODY_BYTES.json)} cent sends in one request`,
    'Make it smaller.',
  );
}
