/**
 * publish and broadcast (api.go Publish, Broadcast). publish checks, in order: empty channel,
 * bad `b64data`, unknown namespace (since v6.5.2 before the data check), a map or shared-poll
 * namespace, the data format; then it publishes. broadcast refuses an empty channel list and
 * bad `b64data` as a whole, then answers each channel on its own (empty, unknown namespace,
 * data format → a per-item error; no subscription-type check), in the order given.
 */
import { goQuote } from '../../json/go-quote.js';
import { object, positionFields } from '../encode/results.js';
import { publishToStream, type StreamPublish } from '../engine/publish-stream.js';
import { softError } from '../protocol.js';
import { fitsFormat, payloadOf } from './payload.js';
import { BAD_REQUEST, UNKNOWN_CHANNEL, ok, type Handler } from './types.js';

export const publish: Handler<'publish'> = ({ node }, p) => {
  if (p.channel === '') return BAD_REQUEST;
  const data = payloadOf(p.data, p.b64data);
  if (data === undefined) return BAD_REQUEST;
  const options = node.channelOptions(p.channel);
  if (options === undefined) return UNKNOWN_CHANNEL;
  if (options.subscriptionType !== '' && options.subscriptionType !== 'stream') return BAD_REQUEST;
  if (!fitsFormat(data, options.publicationDataFormat)) return BAD_REQUEST;
  const position = publishToStream(node, p.channel, options, streamPublish(p, data));
  return position.offset === 0 && position.epoch === '' ? EMPTY_RESULT : ok(object(positionFields(position)));
};

const EMPTY_RESULT = ok('{}');

export const broadcast: Handler<'broadcast'> = ({ node }, p) => {
  if (p.channels.length === 0) return BAD_REQUEST;
  const data = payloadOf(p.data, p.b64data);
  if (data === undefined) return BAD_REQUEST;
  const item = streamPublish(p, data);
  const responses = p.channels.map((channel) => {
    if (channel === '') return errorItem('bad_request');
    const options = node.channelOptions(channel);
    if (options === undefined) return errorItem('unknown_channel');
    if (!fitsFormat(data, options.publicationDataFormat)) return errorItem('bad_request');
    return `{"result":${object(positionFields(publishToStream(node, channel, options, item)))}}`;
  });
  return ok(`{"responses":[${responses.join(',')}]}`);
};

function errorItem(id: 'bad_request' | 'unknown_channel'): string {
  const e = softError(id);
  return `{"error":{"code":${e.code},"message":${goQuote(e.message)}}}`;
}

function streamPublish(
  p: {
    readonly tags: ReadonlyMap<string, string> | undefined;
    readonly idempotency_key: string;
    readonly skip_history: boolean;
    readonly version: bigint;
    readonly version_epoch: string;
  },
  data: string | Buffer,
): StreamPublish {
  return {
    data,
    tags: p.tags,
    idempotencyKey: p.idempotency_key,
    skipHistory: p.skip_history,
    version: p.version,
    versionEpoch: p.version_epoch,
  };
}
