/**
 * One command's reply, written as Go marshals `response` (`proto/response.go:229-246`):
 * keys `uid` (only when non-empty), `method`, `error` (always; null on success), `advice` (only
 * when non-empty), `body`.
 */
import { goQuote } from '../json/go-quote.js';
import { methodNames } from '../protocol.js';

export function replyJson(
  uid: string,
  method: string,
  error: string | null,
  advice: string | null,
  body: string,
): string {
  if (uid === '' && error === null && (advice === null || advice === '') && body === 'null') {
    const plain = PLAIN_REPLIES.get(method);
    if (plain !== undefined) return plain;
  }
  return build(uid, method, error, advice, body);
}

function build(uid: string, method: string, error: string | null, advice: string | null, body: string): string {
  const head = uid === '' ? '{"method":' : `{"uid":${goQuote(uid)},"method":`;
  const err = error === null ? 'null' : goQuote(error);
  const adv = advice === null || advice === '' ? '' : `,"advice":${goQuote(advice)}`;
  return `${head}"${method}","error":${err}${adv},"body":${body}}`;
}

/** `[reply]` for a batch of one command. */
export function batchOfOne(reply: string): string {
  // A long reply is never looked up: hashing it would cost its length.
  return (reply.length <= PLAIN_MAX ? PLAIN_BATCHES.get(reply) : undefined) ?? `[${reply}]`;
}

/** A flat copy of a string built by concatenation (hashed and encoded without flattening it again). */
function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/**
 * The reply most commands get (no uid, no error, body null) is one text per method, and so is
 * its one-command batch: both made once, when the module loads, and never changed.
 */
const PLAIN_REPLIES: ReadonlyMap<string, string> = new Map(
  methodNames.map((m) => [m, flat(build('', m, null, null, 'null'))]),
);
const PLAIN_BATCHES: ReadonlyMap<string, string> = new Map([...PLAIN_REPLIES.values()].map((r) => [r, flat(`[${r}]`)]));
const PLAIN_MAX = Math.max(...[...PLAIN_REPLIES.values()].map((r) => r.length));
