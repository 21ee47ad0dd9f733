/**
 * One command's reply, written as Go marshals `response` (`proto/response.go:229-246`):
 * keys `uid` (only when non-empty), `method`, `error` (always; null on success), `advice` (only
 * when non-empty), `body`.
 */
import { goQuote } from '../json/go-quote.js';

export function replyJson(
  uid: string,
  method: string,
  error: string | null,
  advice: string | null,
  body: string,
): string {
  const head = uid === '' ? '{"method":' : `{"uid":${goQuote(uid)},"method":`;
  const err = error === null ? 'null' : goQuote(error);
  const adv = advice === null || advice === '' ? '' : `,"advice":${goQuote(advice)}`;
  return `${head}"${method}","error":${err}${adv},"body":${body}}`;
}

/** `[reply]` for a batch of one command. */
export function batchOfOne(reply: string): string {
  return `[${reply}]`;
}
