/**
 * Go's chunked transfer decoding (net/http/internal/chunked.go), fed as bytes arrive: a hex size
 * (with `;extensions` allowed), CRLF, that many bytes, CRLF; a zero size, then trailer lines up
 * to an empty one. Lines may end in a bare LF. A malformed stream is an error.
 */
const MAX_LINE = 4096;

export type ChunkEvent =
  | { readonly kind: 'data'; readonly bytes: Buffer }
  | { readonly kind: 'end'; readonly rest: Buffer }
  | { readonly kind: 'error'; readonly message: string };

export class ChunkedDecoder {
  private pending: Buffer = Buffer.alloc(0);
  /** Data bytes left in the current chunk, then 'crlf' for its line break, 'trailer' after the last. */
  private state: number | 'size' | 'crlf' | 'trailer' = 'size';

  /** Decodes what it can of `input`; `end` carries the bytes after the body (the next request). */
  push(input: Buffer): ChunkEvent[] {
    const events: ChunkEvent[] = [];
    let buf = this.pending.length === 0 ? input : Buffer.concat([this.pending, input]);
    for (;;) {
      if (typeof this.state === 'number') {
        if (buf.length === 0) break;
        const n = Math.min(this.state, buf.length);
        events.push({ kind: 'data', bytes: buf.subarray(0, n) });
        buf = buf.subarray(n);
        this.state -= n;
        if (this.state === 0) this.state = 'crlf';
        continue;
      }
      const lf = buf.indexOf(0x0a);
      if (lf < 0) {
        if (buf.length > MAX_LINE) return [...events, { kind: 'error', message: 'chunked line too long' }];
        break;
      }
      const line = buf.subarray(0, lf > 0 && buf[lf - 1] === 0x0d ? lf - 1 : lf).toString('latin1');
      buf = buf.subarray(lf + 1);
      if (this.state === 'crlf') {
        if (line !== '') return [...events, { kind: 'error', message: 'malformed chunked encoding' }];
        this.state = 'size';
      } else if (this.state === 'trailer') {
        if (line === '') {
          events.push({ kind: 'end', rest: buf });
          this.pending = Buffer.alloc(0);
          return events;
        }
      } else {
        const semi = line.indexOf(';');
        const hex = (semi < 0 ? line : line.slice(0, semi)).replace(/[ \t]+$/, '');
        if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) return [...events, { kind: 'error', message: 'invalid chunk size' }];
        const size = parseInt(hex, 16);
        if (!Number.isSafeInteger(size)) return [...events, { kind: 'error', message: 'chunk too large' }];
        this.state = size === 0 ? 'trailer' : size;
      }
    }
    this.pending = Buffer.from(buf);
    return events;
  }
}
