/**
 * The endless-reply cases of `maxReplyBytes`, the same for every client on the shared runtime
 * (1.x and v6): with a 1 MiB cap and with the default, the call rejects with
 * `CentReplyTooLargeError` once the count passes the cap, nothing past it is buffered, and the
 * connection is destroyed. Called inside a `describe` that owns `server`.
 */
import { expect, it } from 'vitest';
import { CentReplyTooLargeError, DEFAULT_MAX_REPLY_BYTES } from '../../src/index.js';
import { peakGrowth, STREAM_CHUNK_BYTES, type StreamingServer } from '../../../../test/support/streaming-server.js';
import { rejectionOf, waitFor } from './net.js';

const MiB = 1024 * 1024;

/** `call(maxReplyBytes)` makes one call with a client given that cap (undefined: the default). */
export function endlessReplyCases(server: StreamingServer, call: (maxReplyBytes?: number) => Promise<unknown>): void {
  it('an endless reply: rejects once the count passes the cap, keeps nothing past it, destroys the socket', async () => {
    server.plan = { size: Infinity };
    let error: unknown;
    const growth = await peakGrowth(async () => {
      error = await rejectionOf(call(MiB));
    });
    expect(error).toBeInstanceOf(CentReplyTooLargeError);
    expect(error).toMatchObject({
      name: 'CentReplyTooLargeError',
      code: 'CENT_REPLY_TOO_LARGE',
      limit: MiB,
      declared: undefined,
      status: 200,
      attempts: 1,
    });
    const received = (error as CentReplyTooLargeError).received;
    expect(received).toBeGreaterThan(MiB);
    expect(received).toBeLessThanOrEqual(MiB + STREAM_CHUNK_BYTES);
    await waitFor(() => server.socketClosed);
    // The client stopped reading: the server got out the cap plus socket buffers, not more.
    expect(server.sent).toBeLessThan(32 * MiB);
    expect(growth).toBeLessThan(16 * MiB);
  });

  it('the default cap bounds an endless reply too', async () => {
    server.plan = { size: Infinity };
    let error: unknown;
    const growth = await peakGrowth(async () => {
      error = await rejectionOf(call());
    });
    expect(error).toMatchObject({ name: 'CentReplyTooLargeError', limit: DEFAULT_MAX_REPLY_BYTES });
    await waitFor(() => server.socketClosed);
    expect(server.sent).toBeLessThan(DEFAULT_MAX_REPLY_BYTES + 32 * MiB);
    expect(growth).toBeLessThan(3 * DEFAULT_MAX_REPLY_BYTES);
  });
}
