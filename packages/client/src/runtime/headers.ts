/** The caller's extra headers, minus those a codec always sets itself. */

/** The caller's headers without those in `own` (names compared case-insensitively). */
export function withoutHeaders(headers: Record<string, string>, own: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !own.has(name.toLowerCase())));
}
