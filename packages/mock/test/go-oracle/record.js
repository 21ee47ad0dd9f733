#!/usr/bin/env node
// Records what the Go oracle (main.go, Go's standard library) answers to each request of
// cases.js, into ../fixtures/go-edges.jsonl, which go-edges.test.ts replays to the mock.
// Needs Go: `node packages/mock/test/go-oracle/record.js`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases } from './cases.js';
import { CORPUS_SEED, CORPUS_SIZE, multipartCorpus } from './multipart-corpus.js';
import { exchange } from './raw-exchange.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = fileURLToPath(new URL('../fixtures/go-edges.jsonl', import.meta.url));
const corpusOut = fileURLToPath(new URL('../fixtures/go-multipart-corpus.jsonl', import.meta.url));

// Built first and run directly: `go run` would leave the program running when killed.
const bin = mkdtempSync(join(tmpdir(), 'centkit-go-oracle-'));
const binary = join(bin, 'oracle');
execFileSync('go', ['build', '-o', binary, 'main.go'], { cwd: here, stdio: 'inherit' });
execFileSync('go', ['build', '-o', join(bin, 'formvalues'), 'formvalues.go'], { cwd: here, stdio: 'inherit' });
const version = execFileSync('go', ['version'], { encoding: 'utf8' }).trim();
const oracle = spawn(binary, [], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  let text = '';
  oracle.stdout.on('data', (d) => {
    text += d;
    const m = /127\.0\.0\.1:(\d+)/.exec(text);
    if (m) resolve(Number(m[1]));
  });
  oracle.on('exit', (code) => reject(new Error(`go oracle exited (${code})`)));
});

const lines = [];
try {
  for (const c of cases) {
    const res = await exchange(port, c.request(), { head: c.head ?? false, closeWaitMs: c.closeWait ? 1500 : 0 });
    lines.push(
      JSON.stringify({
        name: c.name,
        issue: c.issue,
        response: { raw: res.raw.toString('latin1'), ...(c.closeWait ? { closed: res.closed } : {}) },
      }),
    );
    console.log(`${c.name}: ${res.statusLine}${c.closeWait ? (res.closed ? ' (closed)' : ' (kept open)') : ''}`);
  }
} finally {
  oracle.kill();
}
writeFileSync(
  out,
  `${JSON.stringify({ recordedWith: `${version}, GODEBUG=httpmuxgo121=1`, cases: lines.length })}\n${lines.join('\n')}\n`,
);
console.log(`wrote ${lines.length} exchanges to ${out}`);

// The multipart corpus: what FormValue("data") and FormValue("sign") give for each body.
const corpus = multipartCorpus();
const input = corpus
  .map((c) =>
    JSON.stringify({
      contentType: Buffer.from(c.contentType, 'latin1').toString('base64'),
      body: Buffer.from(c.body, 'latin1').toString('base64'),
    }),
  )
  .join('\n');
const answers = execFileSync(join(bin, 'formvalues'), { input: `${input}\n`, encoding: 'utf8', maxBuffer: 64 << 20 })
  .trim()
  .split('\n');
const values = answers.map((a) => {
  const { data, sign } = JSON.parse(a);
  return JSON.stringify({
    data: Buffer.from(data, 'base64').toString('latin1'),
    sign: Buffer.from(sign, 'base64').toString('latin1'),
  });
});
writeFileSync(
  corpusOut,
  `${JSON.stringify({ recordedWith: version, seed: CORPUS_SEED, size: CORPUS_SIZE })}\n${values.join('\n')}\n`,
);
console.log(
  `wrote ${values.length} multipart answers to ${corpusOut} (${values.filter((v) => v !== '{"data":"","sign":""}').length} with a value)`,
);
