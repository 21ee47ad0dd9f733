/**
 * The mock's reading of multipart forms (go/media-type.ts, go/mime-header.ts, go/multipart.ts)
 * against Go's own: 1000 random requests (go-oracle/multipart-corpus.js, fixed seed), each read
 * by Go's Request.FormValue when recorded (fixtures/go-multipart-corpus.jsonl) and now by the
 * mock; `data` and `sign` must come out byte for byte the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMediaType } from '../src/go/media-type.js';
import { parseMultipart } from '../src/go/multipart.js';
import { API_FORM_KEYS } from '../src/http/form.js';
import { multipartCorpus } from './go-oracle/multipart-corpus.js';

const [header, ...answers] = readFileSync(new URL('fixtures/go-multipart-corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as Record<string, unknown>);

/** What FormValue reads from a multipart body alone (no query), as the API handler asks for it. */
function formValues(contentType: string, body: string): { data: string; sign: string } {
  const media = parseMediaType(contentType);
  const boundary =
    media?.type === 'multipart/form-data' && !media.invalidParams ? media.params.get('boundary') : undefined;
  const values =
    boundary === undefined ? undefined : parseMultipart(Buffer.from(body, 'latin1'), boundary, API_FORM_KEYS);
  return { data: values?.get('data')?.toString('latin1') ?? '', sign: values?.get('sign')?.toString('latin1') ?? '' };
}

describe('multipart forms: the mock against Go (16 §9)', () => {
  it('reads 1000 random forms as Go did', () => {
    const corpus = multipartCorpus(header?.['seed'] as number, header?.['size'] as number);
    expect(answers).toHaveLength(corpus.length);
    const differ: string[] = [];
    corpus.forEach((c, i) => {
      const got = formValues(c.contentType, c.body);
      const want = answers[i] as { data: string; sign: string };
      if (got.data !== want.data || got.sign !== want.sign)
        differ.push(`#${i} ${JSON.stringify(c)}: mock ${JSON.stringify(got)}, Go ${JSON.stringify(want)}`);
    });
    const withValue = answers.filter((a) => a['data'] !== '' || a['sign'] !== '').length;
    console.log(
      `multipart corpus: ${corpus.length} forms, ${withValue} with a value in Go, ${differ.length} read differently`,
    );
    expect(differ.slice(0, 5)).toEqual([]);
  });
});
