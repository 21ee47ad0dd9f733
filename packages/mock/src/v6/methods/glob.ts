/**
 * The `channels` pattern: a gobwas/glob (v0.2.3) compiled without separators, so `*` also
 * matches `:`. Syntax as its lexer reads it: `*` (and `**`) any run of characters, `?` one
 * character, `[abc]` `[!abc]` `[a-z]` `[!a-z]` one character in (or not in) a list or range,
 * `{a,b}` alternatives (`,` and `}` are plain text outside braces), `\` escapes the next
 * character (a trailing one is dropped). Quirks kept: U+FFFD anywhere is an error ("could not
 * read rune", the decoder's error value); a NUL ends the pattern where a token starts and is
 * dropped inside text; an unclosed `[`, an empty `[]` or a reversed range is an error; an
 * unclosed `{` is not. Matching is anchored, character by character (code points).
 */
type Token =
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'any' | 'single' | 'open' | 'sep' | 'close' | 'eof' }
  | { readonly t: 'list'; readonly v: string; readonly not: boolean }
  | { readonly t: 'range'; readonly lo: string; readonly hi: string; readonly not: boolean };

class GlobError extends Error {}

function lex(pattern: string): Token[] {
  const chars = [...pattern];
  if (chars.includes('\ufffd')) throw new GlobError('could not read rune');
  const out: Token[] = [];
  let i = 0;
  let depth = 0;
  const text = (breakers: string) => {
    let v = '';
    let escaped = false;
    while (i < chars.length) {
      const c = chars[i++] as string;
      if (c === '\0') break;
      if (!escaped && c === '\\') {
        escaped = true;
        continue;
      }
      if (!escaped && breakers.includes(c)) {
        i -= 1;
        break;
      }
      escaped = false;
      v += c;
    }
    if (v !== '') out.push({ t: 'text', v });
  };
  for (;;) {
    if (i >= chars.length || chars[i] === '\0') return [...out, { t: 'eof' }];
    const c = chars[i++] as string;
    if (c === '{') {
      depth += 1;
      out.push({ t: 'open' });
    } else if (c === ',' && depth > 0) out.push({ t: 'sep' });
    else if (c === '}' && depth > 0) {
      out.push({ t: 'close' });
      depth -= 1;
    } else if (c === '[') out.push(range());
    else if (c === '?') out.push({ t: 'single' });
    else if (c === '*') {
      if (chars[i] === '*') i += 1;
      out.push({ t: 'any' });
    } else {
      i -= 1;
      text(depth > 0 ? '?*[{},' : '?*[{');
    }
  }

  function range(): Token {
    let not = false;
    if (chars[i] === '!') {
      not = true;
      i += 1;
    }
    const first = chars[i];
    if (first === undefined || first === '\0') throw new GlobError('unexpected end of input');
    if (chars[i + 1] === '-') {
      const hi = chars[i + 2];
      if (hi === undefined || hi === '\0') throw new GlobError('unexpected end of input');
      if (chars[i + 3] !== ']')
        throw new GlobError(chars[i + 3] === undefined ? 'unexpected end of input' : 'expected close range character');
      i += 4;
      if ((hi.codePointAt(0) as number) < (first.codePointAt(0) as number))
        throw new GlobError('hi character should be greater than lo');
      return { t: 'range', lo: first, hi, not };
    }
    let v = '';
    while (i < chars.length && chars[i] !== ']' && chars[i] !== '\0') {
      if (chars[i] === '\\' && i + 1 < chars.length) i += 1;
      v += chars[i++];
    }
    if (chars[i] !== ']') throw new GlobError('unexpected end of input');
    i += 1;
    if (v === '') throw new GlobError('could not parse range');
    return { t: 'list', v, not };
  }
}

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A matcher for the pattern, or undefined when gobwas/glob refuses to compile it. */
export function compileGlob(pattern: string): ((channel: string) => boolean) | undefined {
  let tokens: Token[];
  try {
    tokens = lex(pattern);
  } catch (err) {
    if (err instanceof GlobError) return undefined;
    throw err;
  }
  let re = '';
  let open = 0;
  for (const tok of tokens) {
    switch (tok.t) {
      case 'text':
        re += escapeRe(tok.v);
        break;
      case 'any':
        re += '.*';
        break;
      case 'single':
        re += '.';
        break;
      case 'list':
        re += `[${tok.not ? '^' : ''}${escapeRe(tok.v)}]`;
        break;
      case 'range':
        re += `[${tok.not ? '^' : ''}${escapeRe(tok.lo)}-${escapeRe(tok.hi)}]`;
        break;
      case 'open':
        re += '(?:';
        open += 1;
        break;
      case 'sep':
        re += '|';
        break;
      case 'close':
        re += ')';
        open -= 1;
        break;
      case 'eof':
        re += ')'.repeat(open);
        break;
    }
  }
  const compiled = new RegExp(`^(?:${re})$`, 'su');
  return (channel) => compiled.test(channel);
}
