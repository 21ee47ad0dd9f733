/**
 * The real `cent` against a server whose reply is bigger than the client's `maxReplyBytes` (issue
 * 16 §2: `cent` once grew to 2.1 GiB on one): one line naming the cap, exit 9, and the child's
 * peak RSS (VmHWM, polled from /proc while it runs) stays near a small reply's, whatever the
 * server would send — an endless chunked reply, or a Content-Length of 10 GiB.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REPLY_BYTES } from '@centkit/client';
import { waitFor } from '../../client/test/support/net.js';
import { StreamingServer } from '../../../test/support/streaming-server.js';
import { runCent, type CentRun } from './support/cent-process.js';

const MiB = 1024 * 1024;
const LIMIT_MIB = DEFAULT_MAX_REPLY_BYTES / MiB;

/** The peak resident set of process `pid` in bytes, or undefined once it is gone. */
function peakRss(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** Runs `cent` and samples its peak RSS every 5 ms until it exits (VmHWM only grows: the last sample is the peak so far). */
async function runMeasured(args: readonly string[], stdin?: string): Promise<CentRun & { peak: number }> {
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = await runCent(args, {
    ...(stdin === undefined ? {} : { stdin }),
    onSpawn: (child) => {
      const pid = child.pid;
      if (pid === undefined) return;
      const sample = (): void => {
        peak = Math.max(peak, peakRss(pid) ?? 0);
      };
      sample();
      timer = setInterval(sample, 5);
    },
  });
  clearInterval(timer);
  return { ...run, peak };
}

describe.skipIf(process.platform !== 'linux')('cent and an oversized reply', () => {
  const server = new StreamingServer();
  let url = '';
  /** The peak RSS of `cent stats` answered with a small reply, measured the same way. */
  let baseline = 0;
  const args = (...rest: string[]): string[] => [
    '--address',
    url,
    '--secret',
    'reply-size',
    '--timeout',
    '30',
    ...rest,
  ];

  beforeAll(async () => {
    url = await server.listen();
    const body = JSON.stringify([{ method: 'stats', error: null, body: { data: { nodes: [] } } }]);
    server.plan = { size: body.length, body };
    const run = await runMeasured(args('stats'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.peak).toBeGreaterThan(0);
    baseline = run.peak;
  });
  afterAll(() => server.close());

  it.each([
    ['an endless chunked reply', []],
    ['an endless chunked reply (--raw)', ['--raw']],
  ])('%s: exit 9, one line naming the cap, the socket closed, RSS bounded', async (_label, flags) => {
    server.plan = { size: Infinity };
    const run = await runMeasured(args(...flags, 'stats'));
    expect(run.code).toBe(9);
    // At most the cap buffered (plus the garbage of one copy), not the stream.
    expect(run.peak - baseline).toBeLessThan(2 * DEFAULT_MAX_REPLY_BYTES);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `cent: the reply from ${url}/api/ is larger than ${LIMIT_MIB} MiB (more than ${DEFAULT_MAX_REPLY_BYTES} bytes came): ` +
        'cent stopped reading and closed the connection; the server did run the command. ' +
        `Is the address a Centrifugo 1.x server? cent reads replies of up to ${LIMIT_MIB} MiB.\n`,
    );
    expect(server.socketClosed).toBe(true);
    // What got out is the cap plus socket buffers: cent stopped reading.
    expect(server.sent).toBeLessThan(DEFAULT_MAX_REPLY_BYTES + 32 * MiB);
  });

  it('a batch answered with a Content-Length of 10 GiB: refused before reading the body, RSS as for a small reply', async () => {
    server.plan = { size: 1, contentLength: 10 * 1024 * MiB };
    const batch = '{"method":"publish","params":{"channel":"a","data":1}}\n{"method":"stats","params":{}}\n';
    const run = await runMeasured(args('--batch', '-'), batch);
    expect(run.code).toBe(9);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `^cent: the reply from \\S+ is larger than ${LIMIT_MIB} MiB \\(its Content-Length is 10737418240\\): .*; the server did run this request's commands\\.`,
      ),
    );
    await waitFor(() => server.socketClosed);
    expect(run.peak - baseline).toBeLessThan(16 * MiB);
  });
});
