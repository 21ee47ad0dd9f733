/**
 * Go's `r.Header.Get(name)`: the first value of a header, read straight from the raw header
 * list (cheaper than materialising `req.headers`, and Node would join repeated values).
 */
export function firstHeader(rawHeaders: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const k = rawHeaders[i] as string;
    if (k.length === lowerName.length && asciiLowerEquals(k, lowerName)) return rawHeaders[i + 1];
  }
  return undefined;
}

/** `k.toLowerCase() === lower` for header names (tokens: ASCII), without making a string. */
export function asciiLowerEquals(k: string, lower: string): boolean {
  for (let i = 0; i < k.length; i += 1) {
    let c = k.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}
