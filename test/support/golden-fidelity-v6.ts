/**
 * The fidelity check of schema/centrifugo-v6 against the golden transcripts of the real v6.9.1:
 * for every recorded HTTP exchange it predicts the answer from the schemas (plus the HTTP rules
 * that are not schema matters: the route, POST, the API key, transport error mode, the legacy
 * route's framing) and compares it with the recording. The HTTP rules, and how Go reads a body
 * (its decode, and the view of it the schema judges: json/go-view.ts), are the mock's own
 * modules: one copy of them. Every 200 reply is checked against the reply envelope and its
 * method's wire result (placeholders given sample values); every error against the catalogue
 * and the method's error list. test/schema-fidelity-v6.test.ts says what is asserted.
 */
import type { ValidateFunction } from 'ajv';
import { goDocumentView } from '../../packages/mock/src/json/go-view.js';
import { checkJson } from '../../packages/mock/src/json/scan.js';
import { admitBy, transportMode } from '../../packages/mock/src/v6/api/execute.js';
import { parseConfigV6 } from '../../packages/mock/src/v6/config/parse-config.js';
import type { ResolvedConfigV6 } from '../../packages/mock/src/v6/config/types.js';
import { paramsStructs, structs, type MethodName } from '../../packages/mock/src/v6/protocol.js';
import { configOf, type VariantName } from './centrifugo-v6.js';
import { rawHeadersOf, targetOf } from './go-request.js';
import { withSampleValues } from './golden-v6/placeholders.js';
import { expandBody, type GoldenLine } from './golden-v6/transcript.js';
import { checkLegacy } from './golden-fidelity-v6-legacy.js';
import { formatErrors, type CatalogueError, type LoadedProtocol } from './load-schemas.js';

export type Outcome6 =
  'ok' | 'redirect' | 'route' | 'method' | 'auth' | 'invalid-json' | 'not-object' | 'params' | 'legacy';

export const OUTCOME6_TEXT: Record<Outcome6, string> = {
  ok: "accepted: the params pass the wire schema (200, or the error's status in transport mode)",
  redirect: 'a path Go cleans (redirect)',
  route: 'no route (404)',
  method: 'not POST (405)',
  auth: 'no valid API key (401)',
  'invalid-json': 'the body is not JSON (400)',
  'not-object': 'the body is JSON but not an object or null (400)',
  params: 'the body does not decode into the params: the wire schema or Go refuses it (400)',
  legacy: 'the legacy /api route (checked command by command)',
};

export interface Report6 {
  http: number;
  byOutcome: Map<Outcome6, string[]>;
  executed: number;
  paramsRefusals: string[];
  replies: number;
  repliesByMethod: Map<string, number>;
  softErrors: Map<string, number>;
  transportErrors: number;
  hardBodies: number;
  legacyReplies: number;
  /** Successful calls whose params fail the typed view (unknown keys aside), and 107s whose params pass it. */
  typedLenient: string[];
  typedMissed: string[];
  failures: string[];
}

/** A variant's config as the server resolves it (the mock's config reader). */
const configs = new Map<VariantName, ResolvedConfigV6>();
function configFor(variant: VariantName): ResolvedConfigV6 {
  let config = configs.get(variant);
  if (config === undefined) configs.set(variant, (config = parseConfigV6(configOf(variant)).config));
  return config;
}

export function createFidelityCheckV6(P: LoadedProtocol) {
  const methods = new Map(P.manifest.methods.map((m) => [m.name, m]));
  const errorByCode = new Map(P.catalogue.errors.filter((e) => e.code !== undefined).map((e) => [e.code as number, e]));
  const hardByStatus = new Map(P.catalogue.errors.filter((e) => e.kind === 'hard').map((e) => [e.status as number, e]));

  /**
   * What `json.Unmarshal(body, &<Method>Request)` does with the body (the mock's decoder), and
   * whether the wire schema, given the body as Go reads it, agrees. A number an integer field
   * cannot hold (`1.0`, `1e2`, out of range) is not a schema matter; a wrong JSON type is.
   */
  function decodeParams(
    method: MethodName,
    body: string,
  ): {
    outcome: 'ok' | 'invalid-json' | 'not-object' | 'params';
    value?: unknown;
    detail: string;
    disagreement?: string;
  } {
    const syntax = checkJson(body);
    if (syntax !== undefined)
      return { outcome: 'invalid-json', detail: `${syntax.message} at offset ${syntax.offset}` };
    const view = goDocumentView(body, structs, paramsStructs[method]) as {
      value: unknown;
      failure?: { kind: string; path: string; message: string };
    };
    const failure = view.failure;
    if (failure !== undefined && failure.path === '') return { outcome: 'not-object', detail: failure.message };
    const validate = P.params.get(method) as ValidateFunction;
    const schemaOk = validate(view.value);
    if (failure !== undefined) {
      const disagreement =
        failure.kind === 'type' && schemaOk
          ? `Go refuses ${failure.path} (${failure.message}); the wire schema accepts it`
          : undefined;
      return {
        outcome: 'params',
        value: view.value,
        detail: `${failure.path}: ${failure.message}`,
        ...(disagreement === undefined ? {} : { disagreement }),
      };
    }
    if (!schemaOk) return { outcome: 'params', value: view.value, detail: formatErrors(validate.errors) };
    return { outcome: 'ok', value: view.value, detail: '' };
  }

  function runFidelity(lines: readonly GoldenLine[]): Report6 {
    const r: Report6 = {
      http: 0,
      byOutcome: new Map(),
      executed: 0,
      paramsRefusals: [],
      replies: 0,
      repliesByMethod: new Map(),
      softErrors: new Map(),
      transportErrors: 0,
      hardBodies: 0,
      legacyReplies: 0,
      typedLenient: [],
      typedMissed: [],
      failures: [],
    };
    const fail = (name: string, what: string) => r.failures.push(`${name}: ${what}`);
    const classify = (o: Outcome6, name: string) => r.byOutcome.set(o, [...(r.byOutcome.get(o) ?? []), name]);
    /** A numbered error: in the catalogue with this message, and listed for `method` (when the error belongs to one). */
    const checkSoft = (
      name: string,
      method: string | undefined,
      err: { code?: unknown; message?: unknown },
    ): CatalogueError | undefined => {
      const entry = errorByCode.get(err.code as number);
      if (entry === undefined || entry.kind === 'hard')
        return void fail(name, `error ${JSON.stringify(err)} is not a numbered error of the catalogue`);
      if (entry.message !== err.message)
        fail(
          name,
          `error ${String(err.code)} says ${JSON.stringify(err.message)}, the catalogue ${JSON.stringify(entry.message)}`,
        );
      if (method !== undefined && !(methods.get(method)?.errors ?? []).includes(entry.id))
        fail(name, `${method} answered ${entry.id}, which the manifest does not list for it`);
      const key = `${method ?? 'no method'} ${String(err.code)}`;
      r.softErrors.set(key, (r.softErrors.get(key) ?? 0) + 1);
      return entry;
    };
    const checkResult = (name: string, method: string, result: unknown) => {
      r.replies++;
      r.repliesByMethod.set(method, (r.repliesByMethod.get(method) ?? 0) + 1);
      const validate = P.results.get(method) as ValidateFunction;
      if (!validate(result)) fail(name, `the ${method} result fails its wire schema: ${formatErrors(validate.errors)}`);
    };

    for (const line of lines) {
      const req = line.request;
      const res = line.response;
      if (req === undefined || res === undefined) continue;
      r.http++;
      const config = configFor(line.server as VariantName);
      const rawHeaders = rawHeadersOf(req);
      // The checks before the body, in the server's order: route (Go ServeMux), POST, the API key.
      const stage = admitBy(config, { method: req.method, target: targetOf(req), rawHeaders });
      if ('unparsable' in stage) {
        fail(line.name, 'a request target Go cannot parse');
        continue;
      }
      if ('response' in stage) {
        const refusal = stage.refusal ?? 'redirect';
        classify(refusal, line.name);
        const want = { redirect: [301, 307, 308], route: [404], method: [405], auth: [401] }[refusal];
        if (!want.includes(res.status)) fail(line.name, `answered ${res.status}, predicted ${OUTCOME6_TEXT[refusal]}`);
        else if (refusal !== 'redirect') checkHardBody(line.name, res.status, res.body);
        continue;
      }
      const body = withSampleValues(expandBody(req));
      if (stage.route.kind === 'health') {
        fail(line.name, 'the health route: not an API exchange');
        continue;
      }
      if (stage.route.kind === 'legacy') {
        classify('legacy', line.name);
        r.legacyReplies += checkLegacy(line.name, body, res, { checkResult, checkSoft, checkHardBody, fail });
        continue;
      }
      const method = stage.route.method;
      const decoded = decodeParams(method, body);
      if (decoded.disagreement !== undefined) fail(line.name, decoded.disagreement);
      classify(decoded.outcome, line.name);
      if (decoded.outcome !== 'ok') {
        if (decoded.outcome === 'params') r.paramsRefusals.push(`${line.name} (${method}): ${decoded.detail}`);
        if (res.status !== 400)
          fail(line.name, `answered ${res.status}, predicted ${OUTCOME6_TEXT[decoded.outcome]} [${decoded.detail}]`);
        else checkHardBody(line.name, 400, res.body);
        continue;
      }
      r.executed++;
      const hard = hardByStatus.get(res.status);
      if (hard !== undefined && res.status !== 200 && !res.body.startsWith('{')) {
        if (!(methods.get(method)?.errors ?? []).includes(hard.id))
          fail(line.name, `${method} answered the hard ${res.status}, which the manifest does not list for it`);
        checkHardBody(line.name, res.status, res.body);
        continue;
      }
      let reply: unknown;
      try {
        reply = JSON.parse(withSampleValues(res.body));
      } catch {
        fail(line.name, `${res.status} body is not JSON`);
        continue;
      }
      if (res.headers['Content-Type'] !== 'application/json')
        fail(line.name, `Content-Type ${String(res.headers['Content-Type'])}`);
      if (transportMode(config, rawHeaders) && method !== 'batch' && res.status !== 200) {
        r.transportErrors++;
        if (!P.validator('types/error.schema.json')(reply)) fail(line.name, 'transport-mode body is not an Error');
        const entry = checkSoft(line.name, method, reply as { code?: unknown });
        if (entry !== undefined && entry.transportStatus !== res.status)
          fail(line.name, `status ${res.status}, the catalogue says ${String(entry.transportStatus)} for ${entry.id}`);
        continue;
      }
      if (res.status !== 200) {
        fail(line.name, `answered ${res.status} to params that pass the wire schema`);
        continue;
      }
      if (method === 'batch') {
        checkBatch(line.name, decoded.value, reply);
        continue;
      }
      if (!P.reply(reply)) {
        fail(line.name, `body fails the reply envelope: ${formatErrors(P.reply.errors)}`);
        continue;
      }
      const envelope = reply as { result?: unknown; error?: { code?: unknown; message?: unknown } };
      const typed = P.typedValidator(methods.get(method)?.params as string);
      const typedOk = typed(decoded.value) || (typed.errors ?? []).every((e) => e.keyword === 'additionalProperties');
      if (envelope.error !== undefined) {
        checkSoft(line.name, method, envelope.error);
        if (envelope.error.code === 107 && typedOk) r.typedMissed.push(line.name);
      } else {
        checkResult(line.name, method, envelope.result);
        if (!typedOk) r.typedLenient.push(line.name);
      }
    }
    return r;

    function checkBatch(name: string, decodedParams: unknown, reply: unknown) {
      const validate = P.results.get('batch') as ValidateFunction;
      r.replies++;
      r.repliesByMethod.set('batch', (r.repliesByMethod.get('batch') ?? 0) + 1);
      if (!validate(reply)) {
        fail(name, `batch body fails its wire schema: ${formatErrors(validate.errors)}`);
        return;
      }
      const commands = ((decodedParams as { commands?: unknown[] } | null)?.commands ?? []) as unknown[];
      const replies = (reply as { replies?: Record<string, unknown>[] }).replies ?? [];
      if (replies.length !== commands.length) {
        fail(name, `${replies.length} replies to ${commands.length} commands`);
        return;
      }
      replies.forEach((item, i) => {
        const [key, value] = Object.entries(item)[0] as [string, unknown];
        const command = commands[i];
        if (key === 'error') {
          // the error belongs to the command's method; a null command or one without a known key has none
          const own =
            command !== null && typeof command === 'object'
              ? Object.keys(command).find((k) => methods.has(k))
              : undefined;
          checkSoft(`${name} #${i}`, own, value as { code?: unknown });
          return;
        }
        if (command === null || typeof command !== 'object' || !(key in command))
          fail(name, `reply ${i} is keyed ${key}, not a key of its command`);
        else checkResult(`${name} #${i}`, key, value);
      });
    }

    function checkHardBody(name: string, status: number, body: string) {
      const entry = hardByStatus.get(status);
      if (entry === undefined) fail(name, `status ${status} is not a hard error of the catalogue`);
      else if (body !== entry.body)
        fail(name, `hard ${status} body ${JSON.stringify(body)}, the catalogue's ${JSON.stringify(entry.body)}`);
      else r.hardBodies++;
    }
  }

  function printReport(r: Report6): void {
    const lines = [
      'schema fidelity of schema/centrifugo-v6 against the golden transcripts of Centrifugo v6.9.1',
      `  HTTP exchanges: ${r.http}; requests that ran, checked against their params: ${r.executed}; refused for params: ${r.paramsRefusals.length}`,
      `  replies checked against their method's result: ${r.replies}  ${[...r.repliesByMethod].map(([m, n]) => `${m}=${n}`).join(' ')}`,
      `  legacy /api reply lines checked: ${r.legacyReplies}; transport-mode errors: ${r.transportErrors}; hard-error bodies matching the catalogue: ${r.hardBodies}`,
      `  soft errors: ${[...r.softErrors].map(([k, n]) => `${k} x${n}`).join('; ')}`,
      `  typed view: successes it refuses: ${r.typedLenient.join(', ') || 'none'}; 107s it accepts: ${r.typedMissed.join(', ') || 'none'}`,
      '  classification:',
      ...[...r.byOutcome].map(
        ([o, names]) => `    ${OUTCOME6_TEXT[o]}: ${names.length}${o === 'ok' ? '' : ` [${names.join(', ')}]`}`,
      ),
      `  failures: ${r.failures.length}`,
      ...r.failures.map((f) => `    ${f}`),
    ];
    console.log(lines.join('\n'));
  }

  return { runFidelity, printReport };
}
