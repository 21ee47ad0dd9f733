/**
 * Lines of a byte stream, as they come: a batch file of any length is read with the memory of
 * one line. `\n` ends a line (a `\r` before it is dropped); each line is decoded as UTF-8.
 */
import { paramsError } from '../errors.js';

export interface SourceLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
}

const NEWLINE = 0x0a;

export async function* splitLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
  where: string,
): AsyncGenerator<SourceLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  const line = (tail: Uint8Array): SourceLine => {
    const bytes = pending.length === 0 ? Buffer.from(tail) : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    number++;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return { number, text: bytes.toString('utf8', 0, end) };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, start)) {
      if (pendingBytes + at - start > maxLineBytes) throw tooLong(number + 1, maxLineBytes, where);
      yield line(chunk.subarray(start, at));
      start = at + 1;
    }
    if (start < chunk.length) {
      pending.push(Buffer.from(chunk.subarray(start)));
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) throw tooLong(number + 1, maxLineBytes, where);
    }
  }
  if (pendingBytes > 0) yield line(new Uint8Array(0));
}

function tooLong(number: number, max: number, where: string): Error {
  return paramsError(
    `line ${number} of ${where} is longer than ${max >> 20} MiB, more than one request can carry`,
    'Make the command smaller (the server takes data of that size in no request).',
  );
}
