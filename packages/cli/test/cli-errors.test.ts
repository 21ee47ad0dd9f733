/**
 * Every failure of the real `cent`: ONE line on stderr, `cent: <problem>. <fix>`, its own exit
 * code, nothing on stdout (but the replies, for exit 1). The secret is distinctive and every
 * case is run twice, plain and with --verbose: neither output may hold any part of it, nor a
 * sign (64 hex digits).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort } from '../../client/test/support/net.js';
import { lines, runCent, type CentOptions } from './support/cent-process.js';
import { tempHome } from './support/temp-home.js';

const SECRET = 'Xyzzy-s3cr3t-#;-%-9f8e';
const SECRET_IN_INI = SECRET.replace('%', '%%');
const FRAGMENTS = ['Xyzzy', 's3cr3t', '9f8e'];
let mock: MockCentrifugo;
let home: Awaited<ReturnType<typeof tempHome>>;
let refusedUrl: string;

beforeAll(async () => {
  mock = await startMockCentrifugo({ secret: SECRET, config: { namespaces: [{ name: 'public' }] } });
  refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  home = await tempHome(
    [
      '[local]',
      `address = ${mock.url}`,
      `secret = ${SECRET_IN_INI}`,
      '[wrongsecret]',
      `address = ${mock.url}`,
      'secret = Xyzzy-wrong',
      '[noaddress]',
      `secret = ${SECRET_IN_INI}`,
      '[nosecret]',
      `address = ${mock.url}`,
      '[pct]',
      `address = ${mock.url}`,
      'secret = Xyzzy-50%off',
      '[missingref]',
      `address = ${mock.url}`,
      'secret = Xyzzy-%(nothere)s',
      '[refused]',
      `address = ${refusedUrl}`,
      `secret = ${SECRET_IN_INI}`,
      '[badtimeout]',
      `address = ${mock.url}`,
      `secret = ${SECRET_IN_INI}`,
      'timeout = 5s',
      '',
    ].join('\n'),
  );
  await home.write('no-header.ini', `address = ${mock.url}\nsecret = ${SECRET_IN_INI}\n`);
  await home.write('dup-section.ini', `[a]\nsecret = ${SECRET_IN_INI}\n[a]\n`);
  await home.write('dup-option.ini', `[a]\nsecret = ${SECRET_IN_INI}\nSecret = x\n`);
  await home.write('bad-line.ini', `[a]\naddress = x\n${SECRET_IN_INI}\n`);
  await mkdir(path.join(home.dir, 'a-directory'));
});
afterAll(async () => {
  await mock.close();
  await home.dispose();
});
beforeEach(() => mock.clearFaults());

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly code: number;
  readonly stderr: RegExp;
  readonly options?: CentOptions;
  readonly stdout?: RegExp;
  readonly setup?: () => void;
}

const env = (): Record<string, string> => ({ CENT_ADDRESS: mock.url, CENT_SECRET: SECRET });
const publish = ['--params', '{"channel":"public:x","data":1}'];
const conf = (file: string): string[] => ['--config', path.join(home.dir, file)];

const CASES: readonly (readonly [string, () => Case])[] = [
  [
    'no arguments',
    () => ({
      name: 'no arguments',
      args: [],
      code: 2,
      stderr: /^cent: missing METHOD\. Usage: cent \[SECTION\] METHOD/,
    }),
  ],
  [
    'unknown option',
    () => ({
      name: 'unknown option',
      args: ['publish', '--bogus'],
      code: 2,
      stderr: /^cent: unknown option --bogus\. Run cent --help/,
    }),
  ],
  [
    'extra argument',
    () => ({
      name: 'extra argument',
      args: ['local', 'publish', 'extra'],
      code: 2,
      stderr: /^cent: unexpected argument extra\./,
    }),
  ],
  [
    'bad --timeout',
    () => ({
      name: 'bad --timeout',
      args: ['publish', ...publish, '--timeout', 'soon'],
      options: { env: env() },
      code: 2,
      stderr: /^cent: the timeout from --timeout is not a positive number of seconds up to 86400\. Give seconds/,
    }),
  ],
  [
    'too long a --timeout',
    () => ({
      name: 'too long a --timeout',
      args: ['publish', ...publish, '--timeout', '100000'],
      options: { env: env() },
      code: 2,
      stderr: /^cent: the timeout from --timeout is not a positive number of seconds up to 86400\./,
    }),
  ],
  [
    'bad --address',
    () => ({
      name: 'bad --address',
      args: ['publish', ...publish, '--address', 'localhost:8000'],
      options: { env: env() },
      code: 2,
      stderr: /^cent: the address from --address is not an http:\/\/ or https:\/\/ URL\./,
    }),
  ],
  [
    'unknown method',
    () => ({
      name: 'unknown method',
      args: ['local', 'pubish', ...publish],
      options: { home: home.dir },
      code: 2,
      stderr: /^cent: unknown method "pubish"\. The methods are: publish, broadcast, .* Did you mean publish\?/,
    }),
  ],
  [
    'a section alone',
    () => ({
      name: 'a section alone',
      args: ['local'],
      options: { home: home.dir },
      code: 2,
      stderr: /^cent: missing METHOD after section local\. Usage: cent local METHOD/,
    }),
  ],

  [
    'missing config file',
    () => ({
      name: 'missing config file',
      args: ['local', 'publish', ...publish],
      code: 3,
      stderr:
        /^cent: config file ~\/\.centrc does not exist, so section \[local\] cannot be read\. Create it with a \[local\] section .* or drop SECTION and pass --address and --secret/,
    }),
  ],
  [
    'missing --config file',
    () => ({
      name: 'missing --config file',
      args: ['local', 'publish', ...publish, '--config', '/nonexistent/centrc'],
      code: 3,
      stderr: /^cent: config file \/nonexistent\/centrc does not exist/,
    }),
  ],
  [
    'config is a directory',
    () => ({
      name: 'config is a directory',
      args: ['local', 'publish', ...publish, ...conf('a-directory')],
      code: 3,
      stderr: /^cent: config file .*a-directory is a directory\./,
    }),
  ],
  [
    'missing section',
    () => ({
      name: 'missing section',
      args: ['nosuch', 'publish', ...publish],
      options: { home: home.dir },
      code: 3,
      stderr:
        /^cent: section \[nosuch\] not found in ~\/\.centrc \(its sections: local, wrongsecret, .*\)\. Add a \[nosuch\] section/,
    }),
  ],
  [
    'DEFAULT named as a section',
    () => ({
      name: 'DEFAULT named as a section',
      args: ['DEFAULT', 'publish', ...publish],
      options: { home: home.dir },
      code: 3,
      stderr: /^cent: section \[DEFAULT\] not found in ~\/\.centrc/,
    }),
  ],
  [
    'missing address',
    () => ({
      name: 'missing address',
      args: ['noaddress', 'publish', ...publish],
      options: { home: home.dir },
      code: 3,
      stderr:
        /^cent: \[noaddress\] of ~\/\.centrc has no address\. Add "address = \.\.\." to that section \(or to \[DEFAULT\]\), set CENT_ADDRESS, or pass --address\./,
    }),
  ],
  [
    'missing secret',
    () => ({
      name: 'missing secret',
      args: ['nosecret', 'publish', ...publish],
      options: { home: home.dir },
      code: 3,
      stderr: /^cent: \[nosecret\] of ~\/\.centrc has no secret\. .*CENT_SECRET/,
    }),
  ],
  [
    'no section and no settings',
    () => ({
      name: 'no section and no settings',
      args: ['publish', ...publish],
      code: 3,
      stderr:
        /^cent: no server address given\. Pass --address http:\/\/localhost:8000 or set CENT_ADDRESS, or name a section of ~\/\.centrc/,
    }),
  ],
  [
    'no secret anywhere',
    () => ({
      name: 'no secret anywhere',
      args: ['publish', ...publish, '--address', mock.url],
      code: 3,
      stderr: /^cent: no server secret given\. Pass --secret \.\.\. or set CENT_SECRET/,
    }),
  ],
  [
    'lone % in the secret',
    () => ({
      name: 'lone % in the secret',
      args: ['pct', 'publish', ...publish],
      options: { home: home.dir },
      code: 3,
      stderr:
        /^cent: secret in \[pct\] of ~\/\.centrc has a "%" that is not followed by "%" or "\(name\)s"\. Write %% for a literal %/,
    }),
  ],
  [
    'missing %(reference)s',
    () => ({
      name: 'missing %(reference)s',
      args: ['missingref', 'publish', ...publish],
      options: { home: home.dir },
      code: 3,
      stderr: /^cent: secret in \[missingref\] of ~\/\.centrc refers with %\(name\)s to an option that is neither/,
    }),
  ],
  [
    'no section header',
    () => ({
      name: 'no section header',
      args: ['local', 'publish', ...publish, ...conf('no-header.ini')],
      code: 3,
      stderr: /^cent: .*no-header\.ini line 1: an option before any \[section\] header\. Start the file with a section/,
    }),
  ],
  [
    'duplicate section',
    () => ({
      name: 'duplicate section',
      args: ['a', 'publish', ...publish, ...conf('dup-section.ini')],
      code: 3,
      stderr: /^cent: .*dup-section\.ini line 3: section \[a\] appears twice\./,
    }),
  ],
  [
    'duplicate option',
    () => ({
      name: 'duplicate option',
      args: ['a', 'publish', ...publish, ...conf('dup-option.ini')],
      code: 3,
      stderr: /^cent: .*dup-option\.ini line 3: option secret appears twice in \[a\]\./,
    }),
  ],
  [
    'a line that is no option',
    () => ({
      name: 'a line that is no option',
      args: ['a', 'publish', ...publish, ...conf('bad-line.ini')],
      code: 3,
      stderr: /^cent: .*bad-line\.ini line 3: not an option \(no "=" or ":"\) nor a \[section\] header\./,
    }),
  ],
  [
    'bad timeout in the file',
    () => ({
      name: 'bad timeout in the file',
      args: ['badtimeout', 'publish', ...publish],
      options: { home: home.dir },
      code: 3,
      stderr: /^cent: the timeout from \[badtimeout\] of ~\/\.centrc is not a positive number of seconds/,
    }),
  ],
  [
    'bad CENT_TIMEOUT',
    () => ({
      name: 'bad CENT_TIMEOUT',
      args: ['publish', ...publish],
      options: { env: { ...env(), CENT_TIMEOUT: '-1' } },
      code: 3,
      stderr: /^cent: the timeout from CENT_TIMEOUT is not/,
    }),
  ],
  [
    'bad CENT_ADDRESS',
    () => ({
      name: 'bad CENT_ADDRESS',
      args: ['publish', ...publish],
      options: { env: { ...env(), CENT_ADDRESS: 'ftp://x' } },
      code: 3,
      stderr: /^cent: the address from CENT_ADDRESS is not an http/,
    }),
  ],

  [
    'bad JSON in --params',
    () => ({
      name: 'bad JSON in --params',
      args: ['publish', '--params', '{"channel": x}'],
      options: { env: env() },
      code: 4,
      stderr: /^cent: params from --params is not valid JSON: .*\. Pass one JSON object, e\.g\. --params/,
    }),
  ],
  [
    'bad JSON on stdin',
    () => ({
      name: 'bad JSON on stdin',
      args: ['publish'],
      options: { env: env(), stdin: 'not json' },
      code: 4,
      stderr: /^cent: params from stdin is not valid JSON: /,
    }),
  ],
  [
    'bad JSON on a batch line',
    () => ({
      name: 'bad JSON on a batch line',
      args: ['--batch', '-'],
      options: { env: env(), stdin: '{"method":"channels"}\n\n{"method": }\n' },
      code: 4,
      stderr: /^cent: batch line 3 is not valid JSON: .*\. Write one JSON object per line/,
    }),
  ],
  [
    'params an array',
    () => ({
      name: 'params an array',
      args: ['publish'],
      options: { env: env(), stdin: '[1,2]' },
      code: 4,
      stderr: /^cent: params from stdin must be a JSON object, not an array\./,
    }),
  ],
  [
    'params a string',
    () => ({
      name: 'params a string',
      args: ['publish', '--params', '"s"'],
      options: { env: env() },
      code: 4,
      stderr: /^cent: params from --params must be a JSON object, not a string\./,
    }),
  ],
  [
    'invalid params',
    () => ({
      name: 'invalid params',
      args: ['publish', '--params', '{"data":1}'],
      options: { env: env() },
      code: 4,
      stderr: /^cent: invalid params for publish: \/channel: is required\. Run cent help publish for its params\.$/,
    }),
  ],
  [
    'invalid params, several',
    () => ({
      name: 'invalid params, several',
      args: ['broadcast', '--params', '{"channels":"news","extra":1}'],
      options: { env: env() },
      code: 4,
      stderr:
        /^cent: invalid params for broadcast: (?=.*\/channels: must be array)(?=.*\/data: is required)(?=.*\/extra: is not allowed here)/,
    }),
  ],
  [
    'a number JS cannot carry',
    () => ({
      name: 'a number JS cannot carry',
      args: ['publish', '--params', '{"channel":"x","data":12345678901234567890}'],
      options: { env: env() },
      code: 4,
      stderr: /^cent: params from --params holds the number 12345678901234567890 .*Send it as a string/,
    }),
  ],
  [
    'unknown method in a batch',
    () => ({
      name: 'unknown method in a batch',
      args: ['--batch', '-'],
      options: { env: env(), stdin: '{"method":"stats"}\n{"method":"stat"}\n' },
      code: 4,
      stderr: /^cent: unknown method "stat" on batch line 2\. The methods are: .* Did you mean stats\?/,
    }),
  ],
  [
    'invalid params in a batch',
    () => ({
      name: 'invalid params in a batch',
      args: ['--batch', '-'],
      options: { env: env(), stdin: '{"method":"history","params":{}}\n' },
      code: 4,
      stderr: /^cent: invalid params for history on batch line 1: \/channel: is required\./,
    }),
  ],
  [
    'missing batch file',
    () => ({
      name: 'missing batch file',
      args: ['--batch', '/nonexistent/batch.jsonl'],
      options: { env: env() },
      code: 4,
      stderr: /^cent: batch file \/nonexistent\/batch\.jsonl does not exist\./,
    }),
  ],
  [
    'empty batch',
    () => ({
      name: 'empty batch',
      args: ['--batch', '-'],
      options: { env: env(), stdin: '\n\n' },
      code: 4,
      stderr: /^cent: the batch on stdin has no commands\./,
    }),
  ],

  [
    'connection refused',
    () => ({
      name: 'connection refused',
      args: ['refused', 'publish', ...publish],
      options: { home: home.dir },
      code: 5,
      stderr:
        /^cent: cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/: connection refused\. Check the address \(from \[refused\] of ~\/\.centrc\) and that Centrifugo is running there\./,
    }),
  ],
  [
    'host not found',
    () => ({
      name: 'host not found',
      args: ['publish', ...publish, '--address', 'http://cent-test.invalid'],
      options: { env: env() },
      code: 5,
      stderr:
        /^cent: cannot reach http:\/\/cent-test\.invalid\/api\/: (host not found|host name lookup failed.*)\. Check the address \(from --address\)/,
    }),
  ],
  [
    'connection dropped',
    () => ({
      name: 'connection dropped',
      setup: () => mock.injectFault({ type: 'drop', times: 1 }),
      args: ['publish', ...publish],
      options: { env: env() },
      code: 5,
      stderr:
        /^cent: connection to http:\/\/127\.0\.0\.1:\d+\/api\/ failed \(ECONNRESET\); the request may have reached the server\./,
    }),
  ],
  [
    'wrong secret (401)',
    () => ({
      name: 'wrong secret (401)',
      args: ['wrongsecret', 'publish', ...publish],
      options: { home: home.dir },
      code: 6,
      stderr:
        /^cent: the server rejected the request's sign \(HTTP 401 from .*\): the secret probably does not match the server's\. Check the secret \(from \[wrongsecret\] of ~\/\.centrc\)/,
    }),
  ],
  [
    'HTTP 500',
    () => ({
      name: 'HTTP 500',
      setup: () => mock.injectFault({ type: 'status', status: 500, times: 1 }),
      args: ['publish', ...publish],
      options: { env: env() },
      code: 7,
      stderr: /^cent: the server failed \(HTTP 500 from .*\)\. Check the server's log\./,
    }),
  ],
  [
    'HTTP 400 (method the server does not know, sent with --no-validate)',
    () => ({
      name: 'HTTP 400 (method the server does not know, sent with --no-validate)',
      args: ['nosuchmethod', '--no-validate'],
      options: { env: env() },
      code: 7,
      stderr: /^cent: the server refused the request \(HTTP 400 from .*\): unknown method or params it cannot decode\./,
    }),
  ],
  [
    'HTTP 404 (wrong prefix)',
    () => ({
      name: 'HTTP 404 (wrong prefix)',
      args: ['publish', ...publish, '--address', `${mock.url}/wrong/prefix`],
      options: { env: env() },
      code: 7,
      stderr:
        /^cent: no Centrifugo API at .*\/wrong\/prefix\/api\/ \(HTTP 404\)\. Check the address \(from --address\)/,
    }),
  ],
  [
    'timeout',
    () => ({
      name: 'timeout',
      setup: () => mock.injectFault({ type: 'latency', ms: 1500, times: 1 }),
      args: ['publish', ...publish, '--timeout', '0.3'],
      options: { env: env() },
      code: 8,
      stderr: /^cent: no reply from .* within 0\.3 s; the request may have reached the server\. Raise --timeout/,
    }),
  ],
  [
    'malformed reply',
    () => ({
      name: 'malformed reply',
      setup: () => mock.injectFault({ type: 'status', status: 200, body: 'not json', times: 1 }),
      args: ['publish', ...publish],
      options: { env: env() },
      code: 9,
      stderr: /^cent: malformed reply from .*: the body is not JSON\. Is the address a Centrifugo 1\.x server\?/,
    }),
  ],
  [
    'malformed reply (--raw)',
    () => ({
      name: 'malformed reply (--raw)',
      setup: () => mock.injectFault({ type: 'status', status: 200, body: 'not json', times: 1 }),
      args: ['publish', ...publish, '--raw'],
      options: { env: env() },
      code: 9,
      stdout: /^not json$/,
      stderr:
        /^cent: the reply from .* is not the array of 1 replies Centrifugo sends\. It is printed above as received\./,
    }),
  ],
  // --raw sends through the same client: its failures with no 2xx body map the same, with nothing on stdout.
  [
    'connection refused (--raw)',
    () => ({
      name: 'connection refused (--raw)',
      args: ['refused', 'publish', ...publish, '--raw'],
      options: { home: home.dir },
      code: 5,
      stderr: /^cent: cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/: connection refused\./,
    }),
  ],
  [
    'connection dropped (--raw)',
    () => ({
      name: 'connection dropped (--raw)',
      setup: () => mock.injectFault({ type: 'drop', times: 1 }),
      args: ['publish', ...publish, '--raw'],
      options: { env: env() },
      code: 5,
      stderr: /^cent: connection to .* failed \(ECONNRESET\); the request may have reached the server\./,
    }),
  ],
  [
    'wrong secret (401) (--raw)',
    () => ({
      name: 'wrong secret (401) (--raw)',
      args: ['wrongsecret', 'publish', ...publish, '--raw'],
      options: { home: home.dir },
      code: 6,
      stderr: /^cent: the server rejected the request's sign \(HTTP 401 from /,
    }),
  ],
  [
    'HTTP 500 (--raw)',
    () => ({
      name: 'HTTP 500 (--raw)',
      setup: () => mock.injectFault({ type: 'status', status: 500, body: 'boom', times: 1 }),
      args: ['publish', ...publish, '--raw'],
      options: { env: env() },
      code: 7,
      stderr: /^cent: the server failed \(HTTP 500 from .*\)\. Check the server's log\./,
    }),
  ],
  [
    'timeout (--raw)',
    () => ({
      name: 'timeout (--raw)',
      setup: () => mock.injectFault({ type: 'latency', ms: 1500, times: 1 }),
      args: ['publish', ...publish, '--timeout', '0.3', '--raw'],
      options: { env: env() },
      code: 8,
      stderr: /^cent: no reply from .* within 0\.3 s; the request may have reached the server\./,
    }),
  ],
  [
    'malformed reply, JSON but not an array (--raw)',
    () => ({
      name: 'malformed reply, JSON but not an array (--raw)',
      setup: () => mock.injectFault({ type: 'status', status: 200, body: '{"error":"x"}\n', times: 1 }),
      args: ['publish', ...publish, '--raw'],
      options: { env: env() },
      code: 9,
      stdout: /^\{"error":"x"\}\n$/,
      stderr:
        /^cent: the reply from .* is not the array of 1 replies Centrifugo sends\. It is printed above as received\./,
    }),
  ],
  [
    'a command failed (soft error)',
    () => ({
      name: 'a command failed (soft error)',
      args: ['publish', '--params', '{"channel":"nope:x","data":1}'],
      options: { env: env() },
      code: 1,
      stdout: /^\{"method":"publish","error":"namespace not found","advice":"fix"\}\n$/,
      stderr: /^cent: publish failed: namespace not found \(advice: fix\)\. The reply is on stdout\.$/,
    }),
  ],
];

describe('every failure: one line, its exit code, no secret', () => {
  for (const [name, make] of CASES) {
    it(name, async () => {
      const c = make();
      for (const verbose of [false, true]) {
        c.setup?.();
        const run = await runCent(verbose ? [...c.args, '--verbose'] : c.args, c.options);
        const where = `${c.name}${verbose ? ' (--verbose)' : ''}: ${JSON.stringify(run)}`;
        expect(run.code, where).toBe(c.code);
        const errLines = lines(run.stderr);
        if (!verbose) expect(errLines, where).toHaveLength(1);
        else
          expect(
            errLines.slice(0, -1).every((l) => l.startsWith('* ')),
            where,
          ).toBe(true);
        const last = errLines.at(-1) ?? '';
        expect(last, where).toMatch(c.stderr);
        expect(last, where).toMatch(/^cent: [^\n]+\.( [^\n]+)?$/);
        if (c.stdout === undefined) expect(run.stdout, where).toBe('');
        else expect(run.stdout, where).toMatch(c.stdout);
        for (const fragment of FRAGMENTS) expect(run.stdout + run.stderr, where).not.toContain(fragment);
        expect(run.stdout + run.stderr, where).not.toMatch(/[0-9a-f]{64}/);
      }
    });
  }
});
