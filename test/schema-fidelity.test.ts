/**
 * Schema fidelity: do the files of schema/centrifugo-v1/ describe what the real Centrifugo 1.8.0
 * accepted and answered in the 214 recorded golden exchanges?
 *
 * For every HTTP exchange the test predicts the server's answer from the schemas (plus the
 * transport rules of server doc §1-§3, which are not schema matters: where data and sign come
 * from, the sign check, the first byte of `data`, JSON syntax) and compares it with the recorded
 * status. So:
 * - every command of a 200 request (and every command a refused batch ran before the refused one)
 *   must pass the command envelope and its method's params schema;
 * - every 400 that got past the sign and JSON stages with known methods must have a command that
 *   fails its params schema (or lacks params its method needs);
 * - every reply of a 200 must pass the reply envelope and its method's result schema, and its soft
 *   error must be a catalogue error the manifest lists for that method, with the catalogue's advice.
 * Exchanges refused for other reasons are classified and counted, never dropped silently.
 *
 * The golden file lives outside the repository: CENTKIT_GOLDEN overrides its path.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogueSchema, manifestSchema } from '../generator/src/load/manifest-schema.js';
import {
  decodeGoStruct,
  fieldKindsOf,
  GoJsonSyntaxError,
  isGoObject,
  parseGoJson,
  rawGoField,
  type GoValue,
} from './support/go-json.js';
import { extractDataAndSign, header, type RecordedRequest } from './support/go-request.js';
import { formatErrors, loadProtocol, type LoadedProtocol, type Schema } from './support/load-schemas.js';
import { mergePatch } from '../generator/src/ir/merge-patch.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA_DIR = path.join(HERE, '..', 'schema', 'centrifugo-v1');
const GOLDEN = process.env['CENTKIT_GOLDEN'] ?? '/work/shared/protocol/golden/server-transcripts.jsonl';
/** The oracle's `secret` (oracle-config.json). */
const SECRET = 's3cr3t';

// The real numbers of the golden file (214 exchanges). Asserted as minimums, so that a broken
// loader or classifier that silently checks less cannot pass.
const EXPECTED_MIN = {
  http: 194,
  replies: 647,
  executedCommands: 649,
  paramsRefusals: 19,
  okExchanges: 138,
  placeholdersRebuilt: 3,
} as const;

interface Exchange {
  readonly name: string;
  readonly engine: string;
  readonly request: RecordedRequest & { readonly form?: { readonly data?: string; readonly sign?: string } };
  readonly response: { readonly status: number | null; readonly headers: Record<string, string>; readonly body: string };
  readonly note?: string;
  readonly placeholder?: { readonly data: string; readonly how: string };
}

/** What the server did with a request, as predicted from the schemas and the transport rules. */
type Outcome =
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

const OUTCOME_TEXT: Record<Outcome, string> = {
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

function hmacHex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data, 'utf8').digest('hex');
}

/** `CheckApiSign`: exactly 64 characters, compared as lowercase hex strings. */
function signValid(secret: string, data: string, sign: string): boolean {
  return sign.length === 64 && sign === hmacHex(secret, data);
}

interface CommandCheck {
  readonly index: number;
  readonly method: string;
  /** The command after Go-style decoding (canonical keys, see go-json.ts). */
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
}

let P: LoadedProtocol;
let commandFields: ReturnType<typeof fieldKindsOf>;

/**
 * Splits command-envelope errors: a missing `params` (the envelope's if/then) is a params refusal;
 * a missing or empty `method` is the server's "method not found"; anything else (uid or method of
 * the wrong JSON type) fails Go's decoding of the command array, before any command runs.
 */
function envelopeStage(errors: readonly ErrorObject[]): { params: ErrorObject[]; method: ErrorObject[]; decode: ErrorObject[] } {
  const out = { params: [] as ErrorObject[], method: [] as ErrorObject[], decode: [] as ErrorObject[] };
  for (const e of errors) {
    if (e.keyword === 'if' || (e.keyword === 'required' && e.params['missingProperty'] === 'params')) out.params.push(e);
    else if ((e.keyword === 'required' && e.params['missingProperty'] === 'method') || (e.instancePath === '/method' && e.keyword === 'minLength'))
      out.method.push(e);
    else out.decode.push(e);
  }
  return out;
}

function predict(ex: Exchange): Prediction {
  const none = (outcome: Outcome, detail: string): Prediction => ({ outcome, detail, executed: [] });
  const pathname = ex.request.path.split('?')[0] as string;
  if (!pathname.startsWith('/api/')) return none('not-api-route', pathname);

  const cfg = serverConfig(ex.engine);
  const { data, sign, mode, note } = extractDataAndSign(ex.request);
  if (!cfg.insecure && sign === '') return none('no-sign', `${mode} mode${note === undefined ? '' : `; ${note}`}`);
  if (data === '') return none('empty-data', `${mode} mode`);
  if (!cfg.insecure && cfg.secret === '') return none('empty-secret', ex.engine);
  if (!cfg.insecure && !signValid(cfg.secret, data, sign)) return none('bad-sign', `sign ${JSON.stringify(sign.slice(0, 12))}…`);

  if (data[0] !== '{' && data[0] !== '[') return none('bad-first-byte', JSON.stringify(data.slice(0, 12)));
  let top: GoValue;
  try {
    top = parseGoJson(data);
  } catch (error) {
    if (error instanceof GoJsonSyntaxError) return none('invalid-json', error.message);
    throw error;
  }
  const items = Array.isArray(top) ? top : [top];
  const bad = items.findIndex((it) => it !== null && !isGoObject(it));
  if (bad !== -1) return none('command-not-object', `item ${bad}: ${JSON.stringify(items[bad])}`);

  // Go decodes the whole array first: a uid/method of the wrong type fails it before anything runs.
  // A null item decodes to the zero command (method ""), which fails only when its turn comes.
  const decoded = items.map((it) => (it === null ? {} : (decodeGoStruct(it, commandFields) as Record<string, unknown>)));
  const stages = decoded.map((c) => (P.command(c) ? { params: [], method: [], decode: [] } : envelopeStage(P.command.errors ?? [])));
  const decodeFail = stages.findIndex((s) => s.decode.length > 0);
  if (decodeFail !== -1) {
    return {
      outcome: 'command-envelope',
      detail: `command ${decodeFail}`,
      executed: [],
      refused: { index: decodeFail, method: String(decoded[decodeFail]?.['method']), errors: formatErrors(stages[decodeFail]?.decode) },
    };
  }

  const executed: CommandCheck[] = [];
  const methods = new Map(P.manifest.methods.map((m) => [m.name, m]));
  for (const [index, command] of decoded.entries()) {
    const stage = stages[index] as ReturnType<typeof envelopeStage>;
    const method = typeof command['method'] === 'string' ? command['method'] : '';
    const m = methods.get(method);
    if (m === undefined || stage.method.length > 0) {
      return { outcome: 'unknown-method', detail: `command ${index}: ${JSON.stringify(method)}`, executed, refused: { index, method, errors: '' } };
    }
    if (stage.params.length > 0) {
      return { outcome: 'params', detail: `command ${index} (${method}): params absent`, executed, refused: { index, method, errors: formatErrors(stage.params) } };
    }
    const item = items[index] as GoValue;
    const rawParams = rawGoField(item, 'params', commandFields);
    const hasParams = rawParams !== undefined;
    const params = hasParams ? decodeGoStruct(rawParams, fieldKindsOf(P.files.get(m.params))) : undefined;
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
  return { outcome: 'ok', detail: `${decoded.length} command(s)`, executed };
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
    problems.push(`rebuilt body is ${Buffer.byteLength(body, 'utf8')} bytes, recorded Content-Length ${header(ex.request, 'Content-Length')}`);
  }
  if (hmacHex(SECRET, data) !== sign) problems.push('rebuilt data does not match the recorded sign');
  const { form: _form, ...request } = ex.request;
  return { exchange: { ...ex, request: { ...request, body } }, problems };
}

interface Report {
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
      const got = extractDataAndSign(ex.request);
      if (got.data !== (ex.request.form.data ?? '') || got.sign !== (ex.request.form.sign ?? '')) {
        fail(ex.name, 'extracted data/sign differ from the recorded form');
      }
    }

    const p = predict(ex);
    const list = r.byOutcome.get(p.outcome) ?? [];
    list.push(ex.name);
    r.byOutcome.set(p.outcome, list);
    if (!expectedStatus(p.outcome).includes(status)) {
      fail(ex.name, `server answered ${status}, schemas predict ${OUTCOME_TEXT[p.outcome]} [${p.detail}]${p.refused ? ` ${p.refused.errors}` : ''}`);
      continue;
    }

    // every command the server ran passed the envelope and its params schema (by construction of
    // predict(), which stops at the first refused one): count them, and check the typed view
    for (const c of p.executed) {
      r.executedCommands++;
      if (!P.command(c.command)) fail(ex.name, `command ${c.index} fails the envelope: ${formatErrors(P.command.errors)}`);
    }
    if (p.outcome === 'params') r.paramsRefusals++;

    if (status === 400 || status === 401) {
      const want = ex.request.method === 'HEAD' ? '' : hardBody(status);
      if (ex.response.body !== want) fail(ex.name, `hard error body ${JSON.stringify(ex.response.body)} is not the catalogue's ${JSON.stringify(want)}`);
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
      if (!result(rep.body)) fail(ex.name, `${where} body fails the ${c.method} result schema: ${formatErrors(result.errors)}`);

      const m = methods.get(c.method);
      if (rep.error !== null) {
        r.softErrors.set(`${c.method}: ${rep.error}${rep.advice ? ` (advice ${rep.advice})` : ''}`, (r.softErrors.get(`${c.method}: ${rep.error}${rep.advice ? ` (advice ${rep.advice})` : ''}`) ?? 0) + 1);
        const entry = P.catalogue.errors.find((e) => e.kind === 'soft' && e.message === rep.error);
        if (entry === undefined) fail(ex.name, `${where} error ${JSON.stringify(rep.error)} is not a soft error of the catalogue`);
        else {
          if (!(m?.errors ?? []).includes(entry.id)) fail(ex.name, `${where} error ${entry.id} is not listed for ${c.method} in the manifest`);
          const advice = entry.adviceMethods?.includes(c.method) ? entry.advice : undefined;
          if (rep.advice !== advice) fail(ex.name, `${where} advice ${String(rep.advice)}, catalogue says ${String(advice)}`);
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
        if (rep.error === 'invalid message' && typedOk) fail(ex.name, `${where} got invalid message, but its params pass the typed view`);
        if (rep.error === null && readsParams && relevant.length > 0) {
          fail(ex.name, `${where} succeeded, but its params fail the typed view: ${formatErrors(relevant)}`);
        }
        const typedResult = P.typedValidator(m.result);
        if (rep.error === null && !typedResult(rep.body)) fail(ex.name, `${where} success body fails the typed result view: ${formatErrors(typedResult.errors)}`);
      }
    }
  }
  return r;
}

function printReport(r: Report): void {
  const lines = [
    `schema fidelity against ${GOLDEN}`,
    `  exchanges: ${r.total} (HTTP ${r.http}, Redis-only skipped ${r.redisSkipped.length})`,
    `  placeholders rebuilt from their recipe: ${r.placeholdersRebuilt.join(', ')}`,
    `  replies checked (reply envelope + result schema): ${r.replies}  ${[...r.repliesByMethod].map(([m, n]) => `${m}=${n}`).join(' ')}`,
    `  commands the server ran, checked against envelope + params: ${r.executedCommands} (typed view cross-checked: ${r.typedChecked})`,
    `  400s refused for params (a command fails its params schema): ${r.paramsRefusals}`,
    `  hard-error bodies matching the catalogue: ${r.hardBodies}`,
    `  soft errors seen: ${[...r.softErrors].map(([k, n]) => `${k} x${n}`).join('; ')}`,
    '  classification:',
    ...[...r.byOutcome].map(([o, names]) => `    ${OUTCOME_TEXT[o]}: ${names.length}${o === 'ok' ? '' : ` [${names.join(', ')}]`}`),
    `  failures: ${r.failures.length}`,
    ...r.failures.map((f) => `    ${f}`),
  ];
  console.log(lines.join('\n'));
}

beforeAll(async () => {
  P = await loadProtocol(SCHEMA_DIR);
  commandFields = fieldKindsOf(P.files.get(P.manifest.envelopes.command));
});

// The same checks for the current definition and for the 1.0.0 one kept for protocol diffs.
describe.each(['centrifugo-v1', 'centrifugo-v1.0'])('schema files of %s', (dirName) => {
  let P: LoadedProtocol;
  beforeAll(async () => {
    P = await loadProtocol(path.join(HERE, '..', 'schema', dirName));
  });

  it('are valid draft-07 schemas that compile, with every $ref resolved', () => {
    expect(P.files.size).toBe(2 + (P.manifest.types?.length ?? 0) + 2 * P.manifest.methods.length);
    // loadProtocol ran the generator's validate stage (meta-schema, refs, names) and compiled
    // both views of every file; any problem would have thrown.
    expect(P.problems).toEqual([]);
    for (const file of P.files.keys()) {
      expect(P.validator(file)).toBeTypeOf('function');
      expect(P.typedValidator(file)).toBeTypeOf('function');
    }
  });

  it('manifest and error catalogue match their meta-schemas and each other', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const manifestOk = ajv.validate(manifestSchema, P.manifest);
    expect(formatErrors(ajv.errors), 'protocol.json').toBe('');
    expect(manifestOk).toBe(true);
    const catalogueOk = ajv.validate(errorCatalogueSchema, P.catalogue);
    expect(formatErrors(ajv.errors), 'errors.json').toBe('');
    expect(catalogueOk).toBe(true);

    const ids = P.catalogue.errors.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of P.manifest.methods) for (const id of m.errors ?? []) expect(ids, `${m.name} lists ${id}`).toContain(id);
    for (const e of P.catalogue.errors) {
      if (e.kind === 'hard') expect([e.status, e.body].includes(undefined), e.id).toBe(false);
      if (e.kind === 'unused') expect(e.message, e.id).toBeTypeOf('string');
      for (const m of e.adviceMethods ?? []) expect(P.manifest.methods.map((x) => x.name), e.id).toContain(m);
    }
    for (const id of ['namespace_not_found', 'internal_server_error', 'bad_request', 'invalid_message', 'not_available', 'unauthorized']) {
      expect(ids).toContain(id);
    }
  });

  it('document every schema and property, name shared types, and annotate only with x- keywords at the right places', () => {
    const problems: string[] = [];
    const methodFiles = new Set(P.manifest.methods.flatMap((m) => [m.params, m.result]));
    for (const [file, schema] of P.files) {
      if (typeof schema['description'] !== 'string') problems.push(`${file}: no description`);
      if (schema['$schema'] !== 'http://json-schema.org/draft-07/schema#') problems.push(`${file}: not declared draft-07`);
      if (methodFiles.has(file) === ('title' in schema)) problems.push(`${file}: ${methodFiles.has(file) ? 'method files take no title' : 'shared types need a title'}`);
      walkSchemas(schema, '', (sub, at) => {
        if (at !== '' && 'x-typed' in sub) problems.push(`${file}#${at}: x-typed only at the root`);
        const since = sub['x-since'];
        if (since !== undefined && (typeof since !== 'string' || compareVersions(since, P.manifest.version) > 0)) problems.push(`${file}#${at}: bad x-since`);
        for (const [name, prop] of Object.entries((sub['properties'] ?? {}) as Record<string, Schema>)) {
          if (typeof prop['description'] !== 'string') problems.push(`${file}#${at}/properties/${name}: no description`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('have examples that validate where they stand (and, at the root, in the typed view too)', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [file, schema] of P.files) {
      walkSchemas(schema, '', (sub, at) => {
        const examples = sub['examples'];
        if (!Array.isArray(examples)) return;
        const validate = P.validator(file, at);
        const typed = at === '' ? P.typedValidator(file) : undefined;
        for (const [i, example] of examples.entries()) {
          checked++;
          if (!validate(example)) problems.push(`${file}#${at}/examples/${i}: ${formatErrors(validate.errors)}`);
          if (typed && !typed(example)) problems.push(`${file}/examples/${i} (typed): ${formatErrors(typed.errors)}`);
        }
      });
      if (!Array.isArray(schema['examples'])) problems.push(`${file}: no examples`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });
});

describe('schema/centrifugo-v1.0 (Centrifugo 1.0.0, for protocol diffs)', () => {
  it('is the 1.8.0 definition without broadcast (1.2.0), node (1.4.0) and publish uid (1.7.7)', async () => {
    const old = await loadProtocol(path.join(HERE, '..', 'schema', 'centrifugo-v1.0'));
    expect(old.manifest.version).toBe('1.0.0');
    expect(old.manifest.methods.map((m) => m.name)).toEqual(P.manifest.methods.map((m) => m.name).filter((m) => m !== 'broadcast' && m !== 'node'));
    for (const m of old.manifest.methods) expect(compareVersions(m.since, '1.0.0'), m.name).toBeLessThanOrEqual(0);

    const uid = (P.files.get('methods/publish.params.schema.json')?.['properties'] as Record<string, Schema>)['uid'];
    expect(uid?.['x-since']).toBe('1.7.7');
    const oldPublish = old.files.get('methods/publish.params.schema.json') as Schema;
    expect(Object.keys(oldPublish['properties'] as object)).toEqual(['channel', 'data', 'client']);
    expect(old.validator('methods/publish.params.schema.json')({ channel: 'public:chat', data: 1, uid: 5 })).toBe(true);
    expect(P.validator('methods/publish.params.schema.json')({ channel: 'public:chat', data: 1, uid: 5 })).toBe(false);

    // every other file is the same schema (its documentation, which names later features, aside)
    const strip = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(strip) : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'description' && k !== 'examples').map(([k, x]) => [k, strip(x)]))
        : v;
    for (const [file, schema] of old.files) {
      if (file === 'methods/publish.params.schema.json' || file === old.manifest.envelopes.command) continue;
      expect(strip(schema), file).toEqual(strip(P.files.get(file)));
    }
    const methodsWithParams = (p: LoadedProtocol) => (p.files.get(p.manifest.envelopes.command)?.['if'] as { properties: { method: { enum: string[] } } }).properties.method.enum;
    expect(methodsWithParams(old)).toEqual(methodsWithParams(P).filter((m) => m !== 'broadcast'));
    expect(old.catalogue.errors.map((e) => e.id)).toEqual(P.catalogue.errors.map((e) => e.id).filter((id) => id !== 'shutting_down'));
  });
});

describe('fidelity against the golden transcripts of Centrifugo 1.8.0', () => {
  let report: Report;

  beforeAll(() => {
    if (!existsSync(GOLDEN)) throw new Error(`golden file not found: ${GOLDEN} (set CENTKIT_GOLDEN)`);
    const exchanges = readFileSync(GOLDEN, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Exchange);
    report = runFidelity(exchanges);
    printReport(report);
  });

  it('classifies every HTTP exchange and finds no mismatch', () => {
    expect(report.failures).toEqual([]);
    const classified = [...report.byOutcome.values()].reduce((n, l) => n + l.length, 0);
    expect(classified).toBe(report.http);
    expect(report.http + report.redisSkipped.length).toBe(report.total);
  });

  it('checked what the golden file holds, not less', () => {
    expect(report.http).toBeGreaterThanOrEqual(EXPECTED_MIN.http);
    expect(report.replies).toBeGreaterThanOrEqual(EXPECTED_MIN.replies);
    expect(report.executedCommands).toBeGreaterThanOrEqual(EXPECTED_MIN.executedCommands);
    expect(report.paramsRefusals).toBeGreaterThanOrEqual(EXPECTED_MIN.paramsRefusals);
    expect(report.byOutcome.get('ok')?.length ?? 0).toBeGreaterThanOrEqual(EXPECTED_MIN.okExchanges);
    expect(report.placeholdersRebuilt.length).toBe(EXPECTED_MIN.placeholdersRebuilt);
    // every method's replies were seen, and every kind of refusal the transcripts contain
    for (const m of P.manifest.methods) expect(report.repliesByMethod.get(m.name) ?? 0, m.name).toBeGreaterThan(0);
    for (const o of Object.keys(OUTCOME_TEXT) as Outcome[]) expect(report.byOutcome.get(o)?.length ?? 0, o).toBeGreaterThan(0);
  });
});

describe('typed view (x-typed merge patch)', () => {
  const wire = (file: string, v: unknown) => P.validator(file)(v);
  const typed = (file: string, v: unknown) => P.typedValidator(file)(v);
  const file = (m: string, kind: 'params' | 'result') => `methods/${m}.${kind}.schema.json`;

  it('merge patch follows RFC 7386', () => {
    expect(mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } })).toEqual({ a: 'z', c: { d: 'e' } });
    expect(mergePatch({ a: ['b'] }, { a: ['c', 'd'] })).toEqual({ a: ['c', 'd'] });
    expect(mergePatch({ a: 'b' }, ['c'])).toEqual(['c']);
    expect(mergePatch(null, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
    expect(mergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
  });

  it('history and presence: the server takes {} and null (soft "invalid message"), a typed caller sends a channel', () => {
    for (const m of ['history', 'presence']) {
      const f = file(m, 'params');
      for (const v of [{}, null, { channel: '' }, { channel: null }]) {
        expect(wire(f, v), `${m} wire ${JSON.stringify(v)}`).toBe(true);
        expect(typed(f, v), `${m} typed ${JSON.stringify(v)}`).toBe(false);
      }
      expect(wire(f, { channel: 'public:chat' }) && typed(f, { channel: 'public:chat' })).toBe(true);
      for (const v of [{ channel: 5 }, [], 'public:chat']) expect(wire(f, v) || typed(f, v), `${m} ${JSON.stringify(v)}`).toBe(false);
    }
  });

  it('publish: the wire view already needs channel and data; the typed view drops null and unknown keys', () => {
    const f = file('publish', 'params');
    for (const data of [null, '', false, 0, [], { text: 'hi' }]) expect(typed(f, { channel: 'public:chat', data })).toBe(true);
    expect(typed(f, { channel: 'public:chat', data: 1, client: 'c1', uid: 'm1' })).toBe(true);
    for (const v of [{ channel: 'public:chat', data: 1, client: null }, { channel: 'public:chat', data: 1, uid: null }, { channel: 'public:chat', data: 1, foo: 'bar' }]) {
      expect(wire(f, v), JSON.stringify(v)).toBe(true);
      expect(typed(f, v), JSON.stringify(v)).toBe(false);
    }
    for (const v of [{}, null, { channel: 'public:chat' }, { data: 1 }, { channel: '', data: 1 }, { channel: 5, data: 1 }, { channel: 'x', data: 1, uid: 5 }]) {
      expect(wire(f, v), JSON.stringify(v)).toBe(false);
    }
  });

  it('broadcast: every validation failure is soft on the wire, refused by the typed view', () => {
    const f = file('broadcast', 'params');
    for (const v of [null, {}, { channels: [], data: 1 }, { channels: ['news'] }, { channels: ['news', ''], data: 1 }, { channels: null, data: 1 }]) {
      expect(wire(f, v), JSON.stringify(v)).toBe(true);
      expect(typed(f, v), JSON.stringify(v)).toBe(false);
    }
    expect(typed(f, { channels: ['public:chat', 'news'], data: { b: 1 }, client: 'c1' })).toBe(true);
    for (const v of [{ channels: 'news', data: 1 }, { channels: [5], data: 1 }, []]) expect(wire(f, v), JSON.stringify(v)).toBe(false);
  });

  it('unsubscribe and disconnect: an empty user is soft on the wire, refused when typed; an empty channel means all channels', () => {
    const u = file('unsubscribe', 'params');
    expect(typed(u, { channel: 'public:chat', user: '42' }) && typed(u, { channel: '', user: '42' }) && typed(u, { user: '42' })).toBe(true);
    const d = file('disconnect', 'params');
    expect(typed(d, { user: '43' })).toBe(true);
    for (const f of [u, d]) {
      for (const v of [null, {}, { user: '' }]) {
        expect(wire(f, v), `${f} ${JSON.stringify(v)}`).toBe(true);
        expect(typed(f, v), `${f} ${JSON.stringify(v)}`).toBe(false);
      }
      expect(wire(f, { user: 42 })).toBe(false);
    }
  });

  it('channels, stats, node: any params on the wire, an empty object typed', () => {
    for (const m of ['channels', 'stats', 'node']) {
      const f = file(m, 'params');
      for (const v of [5, null, 'x', [], { foo: 1 }]) expect(wire(f, v), `${m} ${JSON.stringify(v)}`).toBe(true);
      expect(typed(f, {})).toBe(true);
      for (const v of [5, null, { foo: 1 }]) expect(typed(f, v), `${m} ${JSON.stringify(v)}`).toBe(false);
    }
  });

  it('results: soft-error bodies (data: null) pass the wire view only', () => {
    expect(wire(file('presence', 'result'), { channel: 'news', data: null })).toBe(true);
    expect(typed(file('presence', 'result'), { channel: 'news', data: null })).toBe(false);
    expect(typed(file('presence', 'result'), { channel: 'public:chat', data: {} })).toBe(true);
    expect(wire(file('history', 'result'), { channel: '', data: null })).toBe(true);
    expect(typed(file('history', 'result'), { channel: '', data: null })).toBe(false);
    expect(typed(file('history', 'result'), { channel: 'public:chat', data: [] })).toBe(true);
    expect(wire(file('channels', 'result'), { data: null })).toBe(true);
    expect(typed(file('channels', 'result'), { data: null })).toBe(false);
    for (const m of ['publish', 'broadcast', 'unsubscribe', 'disconnect']) {
      expect(wire(file(m, 'result'), null) && typed(file(m, 'result'), null)).toBe(true);
      expect(wire(file(m, 'result'), {})).toBe(false);
    }
  });

  it('command envelope: params required where the method decodes them; a null uid is wire-only', () => {
    const c = P.manifest.envelopes.command;
    expect(wire(c, { method: 'stats' })).toBe(true);
    expect(wire(c, { method: 'publish' })).toBe(false);
    expect(wire(c, { method: 'history', params: null })).toBe(true);
    expect(wire(c, { uid: null, method: 'stats', extra: true })).toBe(true);
    expect(typed(c, { uid: null, method: 'stats' })).toBe(false);
    expect(wire(c, { uid: 1, method: 'stats' })).toBe(false);
    expect(wire(c, { method: 1 })).toBe(false);
  });
});

/** Visits a schema and its subschemas with their JSON pointers (not data keywords). */
function walkSchemas(schema: Schema, at: string, visit: (s: Schema, at: string) => void): void {
  visit(schema, at);
  const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
  for (const [k, v] of Object.entries(schema)) {
    if (v === null || typeof v !== 'object' || ['examples', 'enum', 'const', 'default', 'x-typed'].includes(k)) continue;
    if (['properties', 'patternProperties', 'definitions', 'dependencies'].includes(k)) {
      for (const [name, sub] of Object.entries(v as Record<string, unknown>)) {
        if (sub !== null && typeof sub === 'object' && !Array.isArray(sub)) walkSchemas(sub as Schema, `${at}/${k}/${esc(name)}`, visit);
      }
    } else if (Array.isArray(v)) {
      v.forEach((sub, i) => {
        if (sub !== null && typeof sub === 'object') walkSchemas(sub as Schema, `${at}/${k}/${i}`, visit);
      });
    } else {
      walkSchemas(v as Schema, `${at}/${k}`, visit);
    }
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
