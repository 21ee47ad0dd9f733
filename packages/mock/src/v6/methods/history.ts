/**
 * history and history_remove (api.go History, HistoryRemove). Checks: empty channel 107,
 * unknown namespace 102, history off 108; then the read (`engine/read-history.ts`): the
 * library's bad request (reverse from offset 0) is answered 100, unmapped; a stale epoch 112.
 */
import { goQuote } from '../../json/go-quote.js';
import { publicationJson } from '../encode/results.js';
import type { ChannelOptions } from '../config/types.js';
import type { NodeV6 } from '../state/node.js';
import { readHistory } from '../engine/read-history.js';
import {
  BAD_REQUEST,
  EMPTY,
  INTERNAL,
  NOT_AVAILABLE,
  UNKNOWN_CHANNEL,
  UNRECOVERABLE,
  ok,
  type Handler,
  type MethodResult,
} from './types.js';

/** The options of a channel whose namespace keeps history, or the error to answer. */
function historyChannel(node: NodeV6, channel: string): ChannelOptions | MethodResult {
  if (channel === '') return BAD_REQUEST;
  const options = node.channelOptions(channel);
  if (options === undefined) return UNKNOWN_CHANNEL;
  if (options.historySize <= 0 || options.historyTtl <= 0n) return NOT_AVAILABLE;
  return options;
}

const isResult = (x: ChannelOptions | MethodResult): x is MethodResult => 'ok' in x;

export const history: Handler<'history'> = ({ node }, p) => {
  const options = historyChannel(node, p.channel);
  if (isResult(options)) return options;
  const read = readHistory(node, p.channel, options, { limit: p.limit, since: p.since, reverse: p.reverse });
  if (read.kind === 'bad-request') return INTERNAL;
  if (read.unrecoverable) return UNRECOVERABLE;
  const pubs = read.publications.map(publicationJson);
  return ok(`{"publications":[${pubs.join(',')}],"epoch":${goQuote(read.epoch)},"offset":${read.offset}}`);
};

export const historyRemove: Handler<'history_remove'> = ({ node }, p) => {
  const options = historyChannel(node, p.channel);
  if (isResult(options)) return options;
  node.history.remove(p.channel);
  return EMPTY;
};
