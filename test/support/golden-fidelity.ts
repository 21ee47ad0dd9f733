/**
 * The fidelity check of the schemas against the golden transcripts of Centrifugo 1.8.0: it
 * predicts the server's answer to each recorded HTTP exchange from the schemas (plus the
 * transport rules of server doc §1-§3, which are not schema matters: the route, where data and
 * sign come from, the sign check, the first byte of `data`, JSON syntax) and compares it with the
 * recording. The transport rules, and how Go reads the JSON the schemas judge (go-view.ts), are
 * the mock's own modules: one copy of them. test/schema-fidelity.test.ts says what is asserted.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { COMMAND, decodeCommands } from '../../packages/mock/src/api/decode-commands.js';
import { signRefusal, type Refusal } from '../../packages/mock/src/http/api-checks.js';
import { routeOf } from '../../packages/mock/src/http/route.js';
import { apiSign } from '../../packages/mock/src/http/sign.js';
import { goView } from '../../packages/mock/src/json/go-view.js';
import { decodeKeptBytes } from '../../packages/mock/src/json/kept-bytes.js';
import { decodeParamsText, isMethodName, paramsStructs, structs } from '../../packages/mock/src/protocol.js';
import { extractDataAndSign, header, targetOf, type RecordedRequest } from './go-request.js';
import { formatErrors, type LoadedProtocol } from './load-schemas.js';

/** The oracle's `secret` (oracle-config.json). */
export const SECRET = 's3cr3t';

// The real numbers of the golden file (214 exchanges). Asserted as minimums, so that a broken
// loader or classifier that silently checks less cannot pass.
export const EXPECTED_MIN = {
  http: 194,
  replies: 647,
  executedCommands: 649,
  paramsRefusals: 19,
  okExchanges: 138,
  placeholdersRebuilt: 3,
} as const;

export interface Exchange {
  readonly name: string;
  readonly engine: string;
  readonly request: RecordedRequest & { readonly form?: { readonly data?: string; readonly sign?: string } };
  readonly response: {
    readonly status: number | null;
    readonly headers: Record<string, string>;
    readonly body: string;
  };
  readonly note?: string;
  readonly placeholder?: { readonly data: string; readonly how: string };
}

/** What the server did with a request, as predicted from the schemas and the transport rules. */
export type Outcome =
  | 'ok'
  | 'not-api-route'
  | 'no-sign'
  | 'empty-data'
  | 'empty-secret'
  | 'bad-sign'
  | 'bad-first-byte'
  | 'invalid-json'
  | 'command-not-object'
  | 'command-envelope'
  | 'unknown-method'
  | 'params';

export const OUTCOME_TEXT: Record<Outcome, string> = {
  ok: 'accepted (200)',
  'not-api-route': 'not the API route (Go ServeMux 301/404)',
  'no-sign': 'no sign (400)',
  'empty-data': 'empty data (400)',
  'empty-secret': 'server has no secret (400)',
  'bad-sign': 'sign does not match (401)',
  'bad-first-byte': 'data does not start with { or [ (400)',
  'invalid-json': 'data is not valid JSON (400)',
  'command-not-object': 'array item is not an object (400)',
  'command-envelope': 'command envelope refused: uid/method not a string (400)',
  'unknown-method': 'unknown method (400)',
  params: 'params refused by the params schema (400)',
};

function expectedStatus(outcome: Outcome): number[] {
  if (outcome === 'ok') return [200];
  if (outcome === 'bad-sign') return [401];
  if (outcome === 'not-api-route') return [301, 404];
  return [400];
}

/** The server run an exchange belongs to decides the sign check (`engine` field). */
function serverConfig(engine: string): { insecure: boolean; secret: string } {
  if (engine === 'memory+insecure_api') return { insecure: true, secret: SECRET };
  if (engine === 'memory+empty_secret') return { insecure: false, secret: '' };
  if (engine.startsWith('memory') || engine.startsWith('redis')) return { insecure: false, secret: SECRET };
  throw new Error(`unknown engine ${engine}`);
}

/** The outcome of a refusal before the commands (http/api-checks.ts). */
function refusalOutcome(r: Refusal): Outcome {
  if (r.status === 401) return 'bad-sign';
  return r.kind === 'sign' ? 'no-sign' : r.kind === 'config' ? 'empty-secret' : 'empty-data';
}

/** The view of a command's params that the schema judges: as Go reads them into the method's struct. */
function paramsView(method: string, raw: string): unknown {
  if (!isMethodName(method)) return JSON.parse(raw) as unknown;
  const decoded = decodeParamsText(method, raw);
  return goView(raw, 0, structs, { struct: paramsStructs[method] }, decoded.ok ? -1 : decoded.offset);
}

interface CommandCheck {
  readonly index: number;
  readonly method: string;
  /** The command as Go reads it (canonical keys: json/go-view.ts). */
  readonly command: Record<string, unknown>;
  readonly params: unknown;
  readonly hasParams: boolean;
}

interface Prediction {
  readonly outcome: Outcome;
  readonly detail: string;
  /** Commands the server ran (all of them for 'ok'; those before the refused one otherwise). */
  readonly executed: readonly CommandCheck[];
  /** The command that made the request fail, for 'params' / 'unknown-method' / 'command-envelope'. */
  readonly refused?: { readonly index: number; readonly method: string; readonly errors: string };
  /** Go refuses a command the envelope schema accepts: the schema is wrong whatever the status. */
  readonly disagreement?: string;
}

export interface Report {
  total: number;
  http: number;
  redisSkipped: string[];
  placeholdersRebuilt: string[];
  byOutcome: Map<Outcome, string[]>;
  replies: number;
  repliesByMethod: Map<string, number>;
  executedCommands: number;
  typedChecked: number;
  paramsRefusals: number;
  softErrors: Map<string, number>;
  hardBodies: number;
  failures: string[];
}

/** The checks, bound to one loaded protocol definition. */
export function createFidelityCheck(P: LoadedProtocol): {
  runFidelity: (exchanges: readonly Exchange[]) => Report;
  printReport: (r: Report, source: string) => void;
} {
  /**
   * Splits command-envelope errors: a missing `params` (the envelope's if/then) is a params refusal;
   * a missing or empty `method` is the server's "method not found"; anything else (uid or method of
   * the wrong JSON type) fails Go's decoding of the command array, before any command runs.
   */
  function envelopeStage(errors: readonly ErrorObject[]): {
    params: ErrorObject[];
    method: ErrorObject[];
    decode: ErrorObject[];
  } {
    const out = { params: [] as ErrorObject[], method: [] as ErrorObject[], decode: [] as ErrorObject[] };
    for (const e of errors) {
      if (e.keyword === 'if' || (e.keyword === 'required' && e.params['missingProperty'] === 'params'))
        out.params.push(e);
      else if (
        (e.keyword === 'required' && e.params['missingProperty'] === 'method') ||
        (e.instancePath === '/method' && e.keyword === 'minLength')
      )
        out.method.push(e);
      else out.decode.push(e);
    }
    return out;
  }

  function predict(ex: Exchange): Prediction {
    const none = (outcome: Outcome, detail: string): Prediction => ({ outcome, detail, executed: [] });
    const route = routeOf(ex.request.method, targetOf(ex.request), '', false);
    if (route.kind !== 'api') return none('not-api-route', `${route.kind} ${ex.request.path}`);

    const cfg = serverConfig(ex.engine);
    const { data, sign, mode, note } = extractDataAndSign(ex.request, cfg.insecure);
    const refusal = signRefusal({ insecureApi: cfg.insecure, secret: cfg.secret }, sign, data, mode === 'form');
    if (refusal !== undefined)
      return none(refusalOutcome(refusal), `${mode} mode: ${refusal.message}${note === undefined ? '' : `; ${note}`}`);

    const text = decodeKeptBytes(data).text;
    const decoded = decodeCommands(text);
    if (!decoded.ok && decoded.reason !== 'field') {
      const outcome =
        decoded.reason === 'first-byte'
          ? 'bad-first-byte'
          : decoded.reason === 'syntax'
            ? 'invalid-json'
            : 'command-not-object';
      return none(outcome, `${decoded.path || '/'}: ${decoded.message}`);
    }
    // What the envelope schema judges: each command as Go reads it, a null item as the zero command.
    const batch = text.charCodeAt(0) === 91;
    const view = goView(
      text,
      0,
      COMMAND,
      batch ? { list: 'Command' } : { struct: 'Command' },
      decoded.ok ? -1 : decoded.offset,
    );
    const commands = (batch ? (view as unknown[]) : [view]).map(
      (it) => (it === null ? {} : it) as Record<string, unknown>,
    );
    const stages = commands.map((c) =>
      P.command(c) ? { params: [], method: [], decode: [] } : envelopeStage(P.command.errors ?? []),
    );
    // Go decodes the whole array first: a uid/method of the wrong type fails it before anything runs.
    const decodeFail = stages.findIndex((s) => s.decode.length > 0);
    if (!decoded.ok || decodeFail !== -1) {
      const index =
        decodeFail !== -1 || decoded.ok ? Math.max(decodeFail, 0) : Number(batch ? decoded.path.split('/')[1] : 0);
      const disagreement =
        !decoded.ok && decodeFail === -1
          ? `Go refuses command ${index} (${decoded.path}: ${decoded.message}); the envelope schema accepts it`
          : undefined;
      return {
        outcome: 'command-envelope',
        detail: `command ${index}`,
        executed: [],
        refused: { index, method: String(commands[index]?.['method']), errors: formatErrors(stages[index]?.decode) },
        ...(disagreement === undefined ? {} : { disagreement }),
      };
    }

    const executed: CommandCheck[] = [];
    const methods = new Map(P.manifest.methods.map((m) => [m.name, m]));
    for (const [index, command] of commands.entries()) {
      const stage = stages[index] as ReturnType<typeof envelopeStage>;
      const method = typeof command['method'] === 'string' ? command['method'] : '';
      const m = methods.get(method);
      if (m === undefined || stage.method.length > 0) {
        return {
          outcome: 'unknown-method',
          detail: `command ${index}: ${JSON.stringify(method)}`,
          executed,
          refused: { index, method, errors: '' },
        };
      }
      if (stage.params.length > 0) {
        return {
          outcome: 'params',
          detail: `command ${index} (${method}): params absent`,
          executed,
          refused: { index, method, errors: formatErrors(stage.params) },
        };
      }
      const raw = decoded.commands[index]?.params;
      const hasParams = raw !== undefined;
      const params = hasParams ? paramsView(method, raw) : undefined;
      const validate = P.params.get(method) as ValidateFunction;
      if (hasParams && !validate(params)) {
        return {
          outcome: 'params',
          detail: `command ${index} (${method}): ${JSON.stringify(params).slice(0, 80)}`,
          executed,
          refused: { index, method, errors: formatErrors(validate.errors) },
        };
      }
      executed.push({ index, method, command, params, hasParams });
    }
    return { outcome: 'ok', detail: `${commands.length} command(s)`, executed };
  }

  /** The three exchanges whose bodies were too large to store, rebuilt from their recipe. */
  function rebuild(ex: Exchange): { exchange: Exchange; problems: string[] } {
    const problems: string[] = [];
    const recipe = ex.placeholder as NonNullable<Exchange['placeholder']>;
    const data = recipe.data.replace(/<x repeated (\d+) times>/g, (_, n: string) => 'x'.repeat(Number(n)));
    const json = (header(ex.request, 'Content-Type') ?? '').toLowerCase().startsWith('application/json');
    const sign = json ? (header(ex.request, 'X-API-Sign') ?? '') : (ex.request.form?.sign ?? '');
    const body = json ? data : new URLSearchParams({ data, sign }).toString();
    // the rebuilt request must be byte for byte the recorded one: same length, same sign
    if (String(Buffer.byteLength(body, 'utf8')) !== header(ex.request, 'Content-Length')) {
      problems.push(
        `rebuilt body is ${Buffer.byteLength(body, 'utf8')} bytes, recorded Content-Length ${header(ex.request, 'Content-Length')}`,
      );
    }
    if (apiSign(SECRET, data) !== sign) problems.push('rebuilt data does not match the recorded sign');
    const { form: _form, ...request } = ex.request;
    return { exchange: { ...ex, request: { ...request, body } }, problems };
  }

  function runFidelity(exchanges: readonly Exchange[]): Report {
    const r: Report = {
      total: exchanges.length,
      http: 0,
      redisSkipped: [],
      placeholdersRebuilt: [],
      byOutcome: new Map(),
      replies: 0,
      repliesByMethod: new Map(),
      executedCommands: 0,
      typedChecked: 0,
      paramsRefusals: 0,
      softErrors: new Map(),
      hardBodies: 0,
      failures: [],
    };
    const fail = (name: string, what: string) => r.failures.push(`${name}: ${what}`);
    const hardBody = (status: number) => P.catalogue.errors.find((e) => e.kind === 'hard' && e.status === status)?.body;
    const methods = new Map(P.manifest.methods.map((m) => [m.name, m]));

    for (let ex of exchanges) {
      const status = ex.response.status;
      if (status === null) {
        // Redis-only steps (queue pushes, KEYS/LLEN probes): no HTTP reply to check
        r.redisSkipped.push(ex.name);
        continue;
      }
      r.http++;
      if (ex.placeholder !== undefined) {
        const { exchange, problems } = rebuild(ex);
        problems.forEach((p) => fail(ex.name, p));
        ex = exchange;
        r.placeholdersRebuilt.push(ex.name);
      } else if (ex.request.form !== undefined) {
        // our Go-style extraction must agree with the recorder's decoded form
        const got = extractDataAndSign(ex.request, false);
        if (
          got.data.toString('utf8') !== (ex.request.form.data ?? '') ||
          (got.sign?.toString('utf8') ?? '') !== (ex.request.form.sign ?? '')
        ) {
          fail(ex.name, 'extracted data/sign differ from the recorded form');
        }
      }

      const p = predict(ex);
      if (p.disagreement !== undefined) fail(ex.name, p.disagreement);
      const list = r.byOutcome.get(p.outcome) ?? [];
      list.push(ex.name);
      r.byOutcome.set(p.outcome, list);
      if (!expectedStatus(p.outcome).includes(status)) {
        fail(
          ex.name,
          `server answered ${status}, schemas predict ${OUTCOME_TEXT[p.outcome]} [${p.detail}]${p.refused ? ` ${p.refused.errors}` : ''}`,
        );
        continue;
      }

      // every command the server ran passed the envelope and its params schema (by construction of
      // predict(), which stops at the first refused one): count them, and check the typed view
      for (const c of p.executed) {
        r.executedCommands++;
        if (!P.command(c.command))
          fail(ex.name, `command ${c.index} fails the envelope: ${formatErrors(P.command.errors)}`);
      }
      if (p.outcome === 'params') r.paramsRefusals++;

      if (status === 400 || status === 401) {
        const want = ex.request.method === 'HEAD' ? '' : hardBody(status);
        if (ex.response.body !== want)
          fail(
            ex.name,
            `hard error body ${JSON.stringify(ex.response.body)} is not the catalogue's ${JSON.stringify(want)}`,
          );
        else r.hardBodies++;
      }
      if (status !== 200) continue;

      let replies: unknown;
      try {
        replies = JSON.parse(ex.response.body);
      } catch {
        fail(ex.name, '200 body is not JSON');
        continue;
      }
      if (!Array.isArray(replies) || replies.length !== p.executed.length) {
        fail(ex.name, `200 body is not an array of ${p.executed.length} replies`);
        continue;
      }
      for (const [i, reply] of replies.entries()) {
        const c = p.executed[i] as CommandCheck;
        const where = `reply ${i} (${c.method})`;
        r.replies++;
        r.repliesByMethod.set(c.method, (r.repliesByMethod.get(c.method) ?? 0) + 1);
        if (!P.reply(reply)) {
          fail(ex.name, `${where} fails the reply envelope: ${formatErrors(P.reply.errors)}`);
          continue;
        }
        const rep = reply as { uid?: string; method: string; error: string | null; advice?: string; body: unknown };
        if (rep.method !== c.method) fail(ex.name, `${where} has method ${rep.method}`);
        const uid = typeof c.command['uid'] === 'string' && c.command['uid'] !== '' ? c.command['uid'] : undefined;
        if (rep.uid !== uid) fail(ex.name, `${where} uid ${String(rep.uid)}, command uid ${String(uid)}`);
        const result = P.results.get(c.method) as ValidateFunction;
        if (!result(rep.body))
          fail(ex.name, `${where} body fails the ${c.method} result schema: ${formatErrors(result.errors)}`);

        const m = methods.get(c.method);
        if (rep.error !== null) {
          r.softErrors.set(
            `${c.method}: ${rep.error}${rep.advice ? ` (advice ${rep.advice})` : ''}`,
            (r.softErrors.get(`${c.method}: ${rep.error}${rep.advice ? ` (advice ${rep.advice})` : ''}`) ?? 0) + 1,
          );
          const entry = P.catalogue.errors.find((e) => e.kind === 'soft' && e.message === rep.error);
          if (entry === undefined)
            fail(ex.name, `${where} error ${JSON.stringify(rep.error)} is not a soft error of the catalogue`);
          else {
            if (!(m?.errors ?? []).includes(entry.id))
              fail(ex.name, `${where} error ${entry.id} is not listed for ${c.method} in the manifest`);
            const advice = entry.adviceMethods?.includes(c.method) ? entry.advice : undefined;
            if (rep.advice !== advice)
              fail(ex.name, `${where} advice ${String(rep.advice)}, catalogue says ${String(advice)}`);
          }
        } else if (rep.advice !== undefined) fail(ex.name, `${where} has advice without an error`);

        // The typed view: an `invalid message` reply means the caller broke the typed contract, and
        // a success means it kept it. Two tightenings are hygiene, not soft errors, and are left out
        // of the second rule: the typed view closes objects (unknown keys), and wants `{}` for the
        // methods that never read params (channels, stats, node: no `properties`).
        const readsParams = m !== undefined && P.files.get(m.params)?.['properties'] !== undefined;
        if (c.hasParams && m !== undefined) {
          r.typedChecked++;
          const typed = P.typedValidator(m.params);
          const typedOk = typed(c.params);
          const relevant = (typed.errors ?? []).filter((e) => e.keyword !== 'additionalProperties');
          if (rep.error === 'invalid message' && typedOk)
            fail(ex.name, `${where} got invalid message, but its params pass the typed view`);
          if (rep.error === null && readsParams && relevant.length > 0) {
            fail(ex.name, `${where} succeeded, but its params fail the typed view: ${formatErrors(relevant)}`);
          }
          const typedResult = P.typedValidator(m.result);
          if (rep.error === null && !typedResult(rep.body))
            fail(ex.name, `${where} success body fails the typed result view: ${formatErrors(typedResult.errors)}`);
        }
      }
    }
    return r;
  }

  function printReport(r: Report, source: string): void {
    const lines = [
      `schema fidelity against ${source}`,
      `  exchanges: ${r.total} (HTTP ${r.http}, Redis-only skipped ${r.redisSkipped.length})`,
      `  placeholders rebuilt from their recipe: ${r.placeholdersRebuilt.join(', ')}`,
      `  replies checked (reply envelope + result schema): ${r.replies}  ${[...r.repliesByMethod].map(([m, n]) => `${m}=${n}`).join(' ')}`,
      `  commands the server ran, checked against envelope + params: ${r.executedCommands} (typed view cross-checked: ${r.typedChecked})`,
      `  400s refused for params (a command fails its params schema): ${r.paramsRefusals}`,
      `  hard-error bodies matching the catalogue: ${r.hardBodies}`,
      `  soft errors seen: ${[...r.softErrors].map(([k, n]) => `${k} x${n}`).join('; ')}`,
      '  classification:',
      ...[...r.byOutcome].map(
        ([o, names]) => `    ${OUTCOME_TEXT[o]}: ${names.length}${o === 'ok' ? '' : ` [${names.join(', ')}]`}`,
      ),
      `  failures: ${r.failures.length}`,
      ...r.failures.map((f) => `    ${f}`),
    ];
    console.log(lines.join('\n'));
  }

  return { runFidelity, printReport };
}
