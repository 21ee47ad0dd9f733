/**
 * Go's `r.Header.Get(name)`: the first value of a header, read straight from the raw header
 * list (cheaper than materialising `req.headers`, and Node would join repeated values).
 */
export function firstHeader(rawHeaders: readonly string[], lowerName: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const k = rawHeaders[i] as string;
    if (k.length === lowerName.length && k.toLowerCase() === lowerName) return rawHeaders[i + 1];
  }
  return undefined;
}
