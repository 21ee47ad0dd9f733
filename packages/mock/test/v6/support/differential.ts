/**
 * Sends the same requests, in the same order, to the real server and to the mock, and compares
 * status, content type (and Location) and body. Only server-made values are masked, each side
 * with its own Masker (epochs numbered by first appearance, ids, node name, metrics, map entry
 * times); `uptime` is dropped from `info` (its presence depends on when each node's 3-second
 * refresh fell). A request's `"@epoch"` becomes the epoch that side last answered for its channel,
 * and a golden case's placeholders (`<epoch:N>`) the values that side answered in their place.
 */
import { Masker } from '../../../../../test/support/golden-v6/mask.js';
import type { DiffCase } from './diff-cases.js';

export interface SideResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly location: string | undefined;
  readonly body: string;
}

export type Send = (c: DiffCase, body: string) => Promise<SideResponse>;

export interface GroupCounts {
  identical: number;
  different: number;
  succeeded: number;
}

export interface DiffReport {
  readonly total: number;
  /** Per group; `succeeded`: the real server answered 200 with a `result` and no error anywhere in it. */
  readonly byGroup: Map<string, GroupCounts>;
  readonly differences: string[];
}

class Side {
  private readonly masker = new Masker();
  private readonly epochs = new Map<string, string>();

  constructor(readonly send: Send) {}

  async exchange(c: DiffCase): Promise<{ res: SideResponse; masked: string }> {
    const epoch = c.channel === undefined ? 'xxxxxxxx' : (this.epochs.get(c.channel) ?? 'xxxxxxxx');
    // Golden cases carry the recording's placeholders: this side's own values go in their place.
    const body = this.masker
      .unmask(c.body)
      .replace(/"@epoch"/g, JSON.stringify(epoch))
      .replace(/"<unix-time>"/g, String(Math.floor(Date.now() / 1000) + 3600));
    const res = await this.send({ ...c, path: this.masker.unmask(c.path) }, body);
    this.masker.learn(res.body);
    const found = /"epoch":"([A-Za-z]{8})"/.exec(res.body);
    if (c.channel !== undefined && found !== null && res.status === 200) this.epochs.set(c.channel, found[1] as string);
    const masked = this.masker.mask(res.body, new Set()).replace(/,"uptime":"<uptime>"/g, '');
    return { res, masked };
  }
}

export async function runDifferential(
  cases: readonly DiffCase[],
  real: Send,
  mock: Send,
  maxListed = 40,
): Promise<DiffReport> {
  const a = new Side(real);
  const b = new Side(mock);
  const byGroup = new Map<string, GroupCounts>();
  const differences: string[] = [];
  for (const [i, c] of cases.entries()) {
    const x = await a.exchange(c);
    const y = await b.exchange(c);
    const same =
      x.res.status === y.res.status &&
      x.res.contentType === y.res.contentType &&
      x.res.location === y.res.location &&
      x.masked === y.masked;
    const g = byGroup.get(c.group) ?? { identical: 0, different: 0, succeeded: 0 };
    if (x.res.status === 200 && x.res.body.startsWith('{"result"') && !x.res.body.includes('"error"')) g.succeeded += 1;
    if (same) g.identical += 1;
    else {
      g.different += 1;
      if (differences.length < maxListed) {
        differences.push(
          `#${i} [${c.group}] ${c.method} ${c.path} ${JSON.stringify(c.headers)} ${JSON.stringify(c.body).slice(0, 300)}\n` +
            `    real: ${x.res.status} ${x.res.contentType ?? '-'} ${x.res.location ?? ''} ${JSON.stringify(x.masked).slice(0, 400)}\n` +
            `    mock: ${y.res.status} ${y.res.contentType ?? '-'} ${y.res.location ?? ''} ${JSON.stringify(y.masked).slice(0, 400)}`,
        );
      }
    }
    byGroup.set(c.group, g);
  }
  return { total: cases.length, byGroup, differences };
}

export function formatReport(r: DiffReport): string {
  const groups = [...r.byGroup].sort((p, q) => p[0].localeCompare(q[0]));
  const identical = groups.reduce((n, [, g]) => n + g.identical, 0);
  return [
    `v6 differential: ${r.total} requests, ${identical} identical, ${r.total - identical} different`,
    ...groups.map(
      ([name, g]) =>
        `  ${name.padEnd(36)} identical ${String(g.identical).padStart(5)}  different ${g.different}  (succeeded on the real server: ${g.succeeded})`,
    ),
    ...r.differences.map((d) => `  ${d}`),
  ].join('\n');
}
