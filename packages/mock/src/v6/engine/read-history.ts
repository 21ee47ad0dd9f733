/**
 * A history read as centrifuge's node.history runs it on the memory broker: `reverse` with
 * `since` at offset 0 is a bad request; the stream is opened (created with a new epoch when
 * absent, its meta TTL refreshed); without `since`, limit 0 gives the position only; with it,
 * reading starts after (forward) or before (reverse) the offset, nothing forward when the
 * offset is the top in the same epoch; then a `since` epoch other than the stream's is
 * unrecoverable (the position is still answered).
 */
import type { ChannelOptions } from '../config/types.js';
import type { Publication } from '../state/history-hub.js';
import type { NodeV6 } from '../state/node.js';

export interface HistoryQuery {
  readonly limit: number;
  readonly since: { readonly offset: bigint; readonly epoch: string } | undefined;
  readonly reverse: boolean;
}

export type HistoryRead =
  | { readonly kind: 'bad-request' }
  | {
      readonly kind: 'read';
      readonly publications: readonly Publication[];
      readonly offset: number;
      readonly epoch: string;
      readonly unrecoverable: boolean;
    };

const NS_PER_S = 1_000_000_000n;

export function readHistory(node: NodeV6, channel: string, options: ChannelOptions, q: HistoryQuery): HistoryRead {
  const since = q.since;
  if (q.reverse && since !== undefined && since.offset === 0n) return { kind: 'bad-request' };
  const metaTtl = options.historyMetaTtl !== 0n ? options.historyMetaTtl : node.config.channel.historyMetaTtl;
  const stream = node.history.open(channel, Number(metaTtl / NS_PER_S));
  let items: readonly { item: Publication }[];
  if (since === undefined) items = q.limit === 0 ? [] : stream.get(0n, false, q.limit, q.reverse);
  else if (!q.reverse && BigInt(stream.top) === since.offset && since.epoch === stream.epoch) items = [];
  else
    items = stream.get(BigInt.asUintN(64, q.reverse ? since.offset - 1n : since.offset + 1n), true, q.limit, q.reverse);
  return {
    kind: 'read',
    publications: items.map((x) => x.item),
    offset: stream.top,
    epoch: stream.epoch,
    unrecoverable: since !== undefined && since.epoch !== '' && since.epoch !== stream.epoch,
  };
}
