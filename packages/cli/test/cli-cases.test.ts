/**
 * The 38 recorded runs of Python cent 1.1.0 (fixtures/cent-1.1.0-cli-cases.jsonl), replayed
 * with the same argv, stdin and TTY against @centkit/mock. Each case states the new exit code
 * and whether it is cent's (kept) or a documented change; the test checks both, so the
 * kept/changed list in the README cannot drift from the behaviour.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, waitFor } from '../../client/test/support/net.js';
import { lines, runCent, type CentRun } from './support/cent-process.js';
import { tempHome } from './support/temp-home.js';

interface RecordedCase {
  case: string;
  argv: string[];
  stdin: string | null;
  stdin_is_tty: boolean;
  exit_code: number;
  stdout: string;
  stderr: string;
}

const FIXTURE = fileURLToPath(new URL('./fixtures/cent-1.1.0-cli-cases.jsonl', import.meta.url));
const RECORDED = readFileSync(FIXTURE, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as RecordedCase);
const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

let mock: MockCentrifugo;
let home: Awaited<ReturnType<typeof tempHome>>;

/** What each case does now. `kept`: the exit code is cent's. `check`: more about the new output. */
interface Expectation {
  readonly code: number;
  readonly kept: boolean;
  /** The `<cent>` config file of the case, when it has one of its own. */
  readonly config?: () => string;
  readonly setup?: () => void;
  readonly stderr?: RegExp;
  readonly check?: (run: CentRun) => void | Promise<void>;
}

const inherit = (): string => `[DEFAULT]\nsecret = secret\n[inherit]\naddress = ${mock.url}\n`;

/** Same method and error, in order, as cent printed (its Python repr), as JSON lines now. */
function sameReplies(recorded: RecordedCase): (run: CentRun) => void {
  const items = [...recorded.stdout.matchAll(/'error': (None|'[^']*'), 'method': '(\w+)'/g)].map((m) => [
    m[2],
    m[1] === 'None' ? null : m[1]?.slice(1, -1),
  ]);
  return (run) => {
    expect(items.length).toBeGreaterThan(0);
    const now = lines(run.stdout.replaceAll('\r\n', '\n'));
    const parsed = recorded.stdin_is_tty ? [JSON.parse(now.join('\n'))] : now.map((l) => JSON.parse(l));
    expect(parsed.map((r: { method: string; error: string | null }) => [r.method, r.error])).toEqual(items);
  };
}

const EXPECTED: Record<string, Expectation> = {
  'publish-tty-params': { code: 0, kept: true },
  'publish-stdin': { code: 0, kept: true },
  'publish-stdin-overrides-params': {
    code: 0,
    kept: true,
    // Changed: an explicit --params now wins; cent let stdin replace it.
    check: () => expect(mock.commands().map((c) => c.params)).toEqual([{ channel: 'IGNORED', data: 1 }]),
  },
  'publish-devnull-params-ignored': {
    code: 0,
    kept: true,
    // Changed: cent sent {} (stdin /dev/null replaced --params); --params is used now.
    check: () => expect(mock.commands().map((c) => c.params)).toEqual([{ channel: 'news', data: 1 }]),
  },
  'publish-client': { code: 0, kept: true },
  unsubscribe: { code: 0, kept: true },
  disconnect: { code: 0, kept: true },
  presence: { code: 0, kept: true, setup: () => void mock.addClient({ user: '42', client: 'c1', channels: ['news'] }) },
  history: { code: 0, kept: true },
  'channels-tty-default-params': { code: 0, kept: true },
  'stats-empty-stdin': { code: 0, kept: true },
  'unknown-method': { code: 2, kept: false, stderr: /^cent: unknown method "nosuchmethod"\. The methods are: / },
  'response-error-field': {
    code: 1,
    kept: false,
    setup: () => void mock.injectFault({ type: 'soft-error', error: 'permission denied', times: 1 }),
    stderr: /^cent: publish failed: permission denied\. The reply is on stdout\.$/,
  },
  'address-ending-api': { code: 0, kept: true, check: () => expect(mock.commands()).toHaveLength(1) },
  'section-missing': {
    code: 3,
    kept: false,
    stderr: /^cent: section \[nosuch\] not found in ~\/\.centrc \(its sections: local, /,
  },
  'config-missing': {
    code: 3,
    kept: false,
    stderr: /^cent: config file \/nonexistent\/centrc does not exist, so section \[local\] cannot be read\. /,
  },
  'config-explicit': { code: 0, kept: true, config: () => `[local]\naddress = ${mock.url}\nsecret = secret\n` },
  'secret-missing': { code: 3, kept: false, stderr: /^cent: \[nosecret\] of ~\/\.centrc has no secret\. / },
  'secret-percent-interpolation': {
    code: 3,
    kept: false,
    stderr:
      /^cent: secret in \[pct\] of ~\/\.centrc has a "%" that is not followed by "%" or "\(name\)s"\. Write %% for a literal %/,
  },
  'wrong-secret-401': {
    code: 6,
    kept: false,
    stderr:
      /^cent: the server rejected the request's sign \(HTTP 401 .*the secret probably does not match the server's\./,
  },
  'invalid-json': { code: 4, kept: false, stderr: /^cent: params from stdin is not valid JSON: / },
  'params-array': { code: 4, kept: false, stderr: /^cent: params from stdin must be a JSON object, not an array\./ },
  'params-string': { code: 4, kept: false, stderr: /^cent: params from stdin must be a JSON object, not a string\./ },
  'connection-refused': {
    // Its params ({} for publish) are checked first now, so nothing is sent; without the check
    // the refused connection gives exit 5.
    code: 4,
    kept: false,
    stderr: /^cent: invalid params for publish: \/channel: is required; \/data: is required\./,
    check: async () => {
      const run = await runCent(['refused', 'publish', '--no-validate'], { home: home.dir, stdin: '{}' });
      expect(run.code).toBe(5);
      expect(run.stderr).toMatch(/^cent: cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/: connection refused\./);
    },
  },
  'non-json-response-traceback': {
    code: 9,
    kept: false,
    setup: () => void mock.injectFault({ type: 'status', status: 200, body: 'this is not json', times: 1 }),
    stderr: /^cent: malformed reply from .*: the body is not JSON\./,
  },
  'float-timeout-falls-back-to-2s': {
    code: 8,
    kept: false,
    // `timeout = 1.5` is 1.5 s now (cent fell back to 2 s): a 1.7 s reply is too late.
    setup: () => void mock.injectFault({ type: 'latency', ms: 1700, times: 1 }),
    stderr: /^cent: no reply from .* within 1\.5 s; /,
    // The mock runs the command after its delay: let it land here, not in the next case.
    check: () => waitFor(() => mock.commands().length === 1, 3000),
  },
  'default-section-secret-inherited': { code: 0, kept: true, config: inherit },
  'default-section-not-addressable': {
    code: 3,
    kept: false,
    config: inherit,
    stderr: /^cent: section \[DEFAULT\] not found in .* \(its sections: inherit\)\./,
  },
  'option-prefix-abbreviation': {
    code: 0,
    kept: true,
    config: () => `[local]\naddress = ${mock.url}\nsecret = secret\n`,
  },
  'config-no-section-header-traceback': {
    code: 3,
    kept: false,
    config: () => `address = ${mock.url}\nsecret = secret\n`,
    stderr: /^cent: .* line 1: an option before any \[section\] header\./,
  },
  'config-duplicate-section-traceback': {
    code: 3,
    kept: false,
    config: () => `[a]\naddress = ${mock.url}\nsecret = secret\n[a]\n`,
    stderr: /^cent: .* line 4: section \[a\] appears twice\./,
  },
  'whitespace-only-stdin-means-empty-params': { code: 0, kept: true },
  'python-repr-quirks': {
    code: 0,
    kept: true,
    check: (run) =>
      expect(JSON.parse(run.stdout)).toMatchObject({
        method: 'history',
        error: null,
        body: { channel: 'it\'s "q" ü \t \\ ☃' },
      }),
  },
  'non-finite-float-sent-as-Infinity-server-400': {
    code: 4,
    kept: false,
    stderr: /^cent: params from stdin holds the number 1e400 .*Send it as a string/,
  },
  'no-args': { code: 2, kept: true, stderr: /^cent: missing METHOD\. / },
  'one-arg': { code: 2, kept: true, stderr: /^cent: missing METHOD after section local\. Usage: cent local METHOD/ },
  'extra-arg': { code: 2, kept: true, stderr: /^cent: unexpected argument extra\. / },
  help: { code: 0, kept: true, check: (run) => expect(run.stdout).toMatch(/^Usage:$/m) },
};

beforeAll(async () => {
  mock = await startMockCentrifugo({
    secret: 'secret',
    config: { presence: true, history_size: 10, history_lifetime: 300 },
  });
  home = await tempHome(
    [
      '[local]',
      `address = ${mock.url}`,
      'secret = secret',
      '[errfield]',
      `address = ${mock.url}`,
      'secret = secret',
      '[apisuffix]',
      `address = ${mock.url}/api`,
      'secret = secret',
      '[nosecret]',
      `address = ${mock.url}`,
      '[pct]',
      `address = ${mock.url}`,
      'secret = abc%off',
      '[wrongsecret]',
      `address = ${mock.url}`,
      'secret = nope',
      '[refused]',
      `address = http://127.0.0.1:${await closedPort()}`,
      'secret = secret',
      '[notjson]',
      `address = ${mock.url}`,
      'secret = secret',
      '[floattimeout]',
      `address = ${mock.url}`,
      'secret = secret',
      'timeout = 1.5',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await mock.close();
  await home.dispose();
});
beforeEach(() => {
  mock.reset();
  mock.clearFaults();
});

describe('cent 1.1.0 recorded console runs, replayed', () => {
  it('has an expectation for each of the 38 cases', () => {
    expect(RECORDED).toHaveLength(38);
    expect(Object.keys(EXPECTED).sort()).toEqual(RECORDED.map((c) => c.case).sort());
  });

  for (const recorded of RECORDED) {
    const expected = EXPECTED[recorded.case];
    it.skipIf(recorded.stdin_is_tty && !hasScript)(
      `${recorded.case}: exit ${recorded.exit_code} → ${expected?.code} (${expected?.kept ? 'kept' : 'changed'})`,
      async () => {
        if (expected === undefined) throw new Error(`no expectation for ${recorded.case}`);
        expect(recorded.exit_code === expected.code).toBe(expected.kept);
        const config =
          expected.config === undefined ? undefined : await home.write(`${recorded.case}.ini`, expected.config());
        const args = recorded.argv.slice(1).map((a) => (a === '<cent>' ? (config ?? a) : a));
        expected.setup?.();
        const run = await runCent(args, {
          home: home.dir,
          ...(recorded.stdin_is_tty ? { tty: true } : { stdin: recorded.stdin }),
        });
        expect(run.code, JSON.stringify(run)).toBe(expected.code);
        if (expected.code === 0 && recorded.case !== 'help') sameReplies(recorded)(run);
        if (expected.stderr !== undefined) {
          expect(lines(run.stderr)).toEqual([expect.stringMatching(expected.stderr)]);
          expect(run.stdout).toBe(expected.code === 1 ? run.stdout : '');
        } else if (!recorded.stdin_is_tty) expect(run.stderr).toBe('');
        await expected.check?.(run);
      },
    );
  }
});
