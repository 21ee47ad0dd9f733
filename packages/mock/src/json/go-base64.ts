/**
 * Go's `base64.StdEncoding.DecodeString`: the standard alphabet with `=` padding required (a
 * URL-safe or unpadded string fails), `\r` and `\n` ignored anywhere, nonzero trailing bits
 * accepted (the encoding is not Strict). Returns undefined where Go returns an error.
 */
const STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function goBase64Decode(s: string): Buffer | undefined {
  const text = s.includes('\r') || s.includes('\n') ? s.replace(/[\r\n]/g, '') : s;
  if (!STD.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}
