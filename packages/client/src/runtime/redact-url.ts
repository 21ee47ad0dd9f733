/** URLs as errors, logs and `inspect` show them: user and password replaced by `***`. */

export function redactUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = '***';
  copy.password = '';
  return copy.href;
}

/** An address that may not even parse, with anything between `//` and `@` hidden. */
export function redactAddress(address: string): string {
  return address.replace(/\/\/[^/@]*@/, '//***@');
}
