// Random multipart/form-data requests (content type + body), from a fixed seed, built from the
// pieces that matter to Go's parser: boundaries and how the Content-Type carries them, line
// endings, preambles, delimiter lines with spaces or junk, part headers (folded, odd keys,
// control bytes), dispositions (quoted, escaped, RFC 2231, filename), contents that look like
// boundaries, missing ends; and now and then a flipped byte. record.js has Go's FormValue read
// each; multipart-diff.test.ts has the mock read them.
import { encodeBytes } from './cases.js';
import { prng } from '../support/prng.js';

export const CORPUS_SEED = 0x2231;
export const CORPUS_SIZE = 1000;

/** `{ contentType, body }` pairs, both byte strings (one char per byte). */
export function multipartCorpus(seed = CORPUS_SEED, size = CORPUS_SIZE) {
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  let odd = 1;
  /** Oddities come at their full rate in half the forms, at a fifth in the other half. */
  const chance = (p) => rand() < p * odd;
  const out = [];
  for (let n = 0; n < size; n += 1) {
    odd = n % 2 === 0 ? 1 : 0.2;
    const boundary = pick(['B', 'xYz-123', 'a b', "a'b", '-----', 'b'.repeat(70), '\xc3\xa9', 'q"r', 'B;c', '12']);
    const quoted = `"${boundary.replace(/(["\\])/g, '\\$1')}"`;
    const bparam =
      /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(boundary) && rand() < 0.6
        ? `boundary=${boundary}`
        : pick([
            `boundary=${quoted}`,
            `boundary*=utf-8''${encodeBytes(Buffer.from(boundary, 'latin1'))}`,
            `boundary*0=${quoted}`,
            `boundary*0="${boundary.slice(0, 1)}"; boundary*1=${quoted.slice(0, 1)}${boundary.slice(1)}"`,
            `boundary=${boundary}`,
          ]);
    const type = pick([
      'multipart/form-data',
      'multipart/form-data',
      'Multipart/Form-Data',
      'multipart/form-data ',
      ' multipart/form-data',
      'multipart/mixed',
      'form-data',
      'multipart/form-data\xa0',
      'multipart/form-data\xc2\xa0',
    ]);
    const params = [bparam];
    if (chance(0.2)) params.push(pick(['charset=utf-8', 'x=1', `${bparam}`, 'boundary=other', 'bad', '=', '']));
    const sep = pick(['; ', ';', ' ; ', ';\t', '; ']);
    let contentType = `${type}${sep}${params.join(sep)}${chance(0.1) ? pick([';', ' ;', '; ', '\xa0']) : ''}`;
    const nl = rand() < 0.8 ? '\r\n' : '\n';
    const lineEnd = () => (chance(0.05) ? pick(['\r\n', '\n']) : nl);
    const name = (n) =>
      pick([
        `name="${n}"`,
        `name="${n}"`,
        `name=${n}`,
        `name*=utf-8''${n}`,
        `name*0=${n.slice(0, 2)}; name*1=${n.slice(2)}`,
        `name="\\${n}"`,
        `name="${n.slice(0, 1)}\\${n.slice(1)}"`,
        `NAME="${n}"`,
      ]);
    const disposition = (n) => {
      const base =
        rand() < 1 - 0.1 * odd ? pick(['form-data', 'form-data', 'Form-Data', 'attachment', 'form-data ']) : '';
      let d = `${base}; ${name(n)}`;
      if (chance(0.1))
        d += pick(['; filename=""', '; filename="f.txt"', '; filename=x', `; ${name(n)}`, `; name="other"`]);
      return d;
    };
    const headerBlock = (n) => {
      const key = pick([
        'Content-Disposition',
        'Content-Disposition',
        'content-disposition',
        'CONTENT-DISPOSITION',
        'Content-Disposition ',
        'Content-Dispositio',
      ]);
      let h = `${key}: ${disposition(n)}`;
      if (chance(0.08)) h = `${key}: ${disposition(n).replace('; ', `;${lineEnd()} `)}`;
      if (chance(0.1))
        h += `${lineEnd()}${pick(['Content-Type: text/plain', 'X-A: a\x01b', 'X-B:', 'Bad Key: v', ' folded', 'X-C: \xff'])}`;
      if (chance(0.05)) h = `${pick([' ', '\t'])}${h}`;
      return h;
    };
    const content = (v) =>
      chance(0.1) ? pick([`${v}${nl}--${boundary}x`, `${nl}--${boundary}`, `${v}\r`, `--${boundary}`, '']) : v;
    const parts = [];
    const count = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < count; i += 1) {
      const n = pick(['data', 'sign', 'data', 'sign', 'other']);
      parts.push([n, headerBlock(n), content(`${n}-${i}`)]);
    }
    let body = chance(0.2) ? pick(['preamble\r\n', 'p\n', `--${boundary}x${nl}`, `${nl}`]) : '';
    for (const [, head, value] of parts) {
      const delim = `--${boundary}${chance(0.1) ? pick([' ', '\t', '  \t', ' x', '--']) : ''}`;
      body += `${delim}${lineEnd()}${head}${lineEnd()}${lineEnd()}${value}${nl}`;
    }
    body += pick([
      `--${boundary}--${nl}`,
      `--${boundary}--${nl}`,
      `--${boundary}--`,
      `--${boundary}-- x${nl}`,
      '',
      `--${boundary}${nl}`,
      `--${boundary}--${nl}epilogue`,
    ]);
    if (chance(0.05)) {
      const i = Math.floor(rand() * body.length);
      body = body.slice(0, i) + String.fromCharCode(Math.floor(rand() * 256)) + body.slice(i + 1);
    }
    if (chance(0.02)) contentType = contentType.replace('multipart', 'multipart ');
    out.push({ contentType, body });
  }
  return out;
}
