/**
 * One command's reply, written as Go marshals `response` (`proto/response.go:229-246`):
 * keys `uid` (only when non-empty), `method`, `error` (always; null on success), `advice` (only
 * when non-empty), `body`.
 */
import { goQuote } from '../json/go-quote.js';

/**
 * The reply most commands get (no uid, no error, body null) is the same text for a method
 * every time: made once, as a flat string, and so is its one-command batch `[...]`.
 */
const plainReplies = new Map<string, string>();
const plainBatches = new Set<string>();

export function replyJson(uid: string, method: string, error: string | null, advice: string | null, body: string): string {
  if (uid === '' && error === null && (advice === null || advice === '') && body === 'null') {
    let plain = plainReplies.get(method);
    if (plain === undefined) {
      plain = flat(build(uid, method, error, advice, body));
      plainReplies.set(method, plain);
      plainBatches.add(plain);
    }
    return plain;
  }
  return build(uid, method, error, advice, body);
}

function build(uid: string, method: string, error: string | null, advice: string | null, body: string): string {
  const head = uid === '' ? '{"method":' : `{"uid":${goQuote(uid)},"method":`;
  const err = error === null ? 'null' : goQuote(error);
  const adv = advice === null || advice === '' ? '' : `,"advice":${goQuote(advice)}`;
  return `${head}"${method}","error":${err}${adv},"body":${body}}`;
}

const PLAIN_MAX = 64;
let lastOne = '';
let lastBatch = '[]';

/** `[reply]` for a batch of one command. */
export function batchOfOne(reply: string): string {
  if (reply === lastOne) return lastBatch;
  const batch = `[${reply}]`;
  // Plain replies are short; a long reply is never looked up (hashing it would cost its length).
  if (reply.length <= PLAIN_MAX && plainBatches.has(reply)) {
    lastOne = reply;
    lastBatch = flat(batch);
  }
  return batch;
}

/** A flat copy of a string built by concatenation. */
function flat(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}
