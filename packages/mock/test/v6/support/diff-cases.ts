/**
 * Seeded requests for the v6 differential test: valid calls of every method over the
 * recording config's namespaces (state builds up: history, idempotency keys, versions, maps),
 * then the same calls broken in the ways a client breaks them (wrong JSON types, nulls, unknown
 * keys, key case, duplicate keys, bad JSON, out-of-range integers, bad base64, bad or misplaced
 * API keys, odd paths and HTTP methods). Bounded and deterministic: `diffCases(seed, count)`.
 * `extra` names channels of namespaces a config adds: shared-poll ones get valid (and broken)
 * `shared_poll_publish` calls, map ones join the map methods' channels.
 * A body may hold `"@epoch"`: each side puts in the epoch it last answered for the channel.
 * `goldenCases` turns the golden transcripts' requests into cases too.
 */
import { expandBody, type GoldenLine } from '../../../../../test/support/golden-v6/transcript.js';
import { prng } from '../../support/prng.js';
export interface DiffCase {
  readonly group: string;
  readonly method: string;
  readonly path: string;
  /** Raw header pairs, in order. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  /** The channel whose epoch `"@epoch"` stands for. */
  readonly channel?: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Params = { [k: string]: Json };

const KEY: readonly [string, string] = ['X-API-Key', 'k1'];

const BASE_CHANNELS = {
  stream: ['news', 'chat', ':x', '$news', 'новости', 'a<b>&c'],
  hist: ['hist:d1', 'hist:d2', 'hist:d3', 'both:b1', 'both:b2', 'delta:z1'],
  formats: ['jsonobj:j1', 'bin:x1'],
  pres: ['pres:p1', 'both:b1'],
  map: ['map:m1', 'map:m2', 'mapp:q1'],
  bad: ['nope:x', ''],
};
const DATA: readonly string[] = [
  '{"a":1}',
  '{ "a" : [1, 2] }',
  '1.50',
  '"<b>&"',
  'null',
  '""',
  '[1,"x"]',
  'true',
  '{"n":1e3,"s":"\\u2028"}',
  '{"deep":{"x":[{"y":null}]}}',
  '-0',
];
const B64: readonly string[] = ['eyJhIjoxfQ==', 'Mg==', 'AP8=', '!!', 'eyJhIjoxfQ', 'e30=\r\n'];
const PATTERNS: readonly string[] = [
  '',
  '*',
  'pres:*',
  'h*:*',
  '[',
  '[]',
  '{news,chat}',
  'n?ws',
  '[!a]*',
  '\\*',
  '[a-z]*',
  '[z-a]',
  '{a',
  '**',
  'hist:d[1-2]',
];

/** Channels of the namespaces a config has beyond the recording config's. */
export interface ExtraChannels {
  /** Of `shared_poll` namespaces (with `publish_enabled` or not). */
  readonly sharedPoll?: readonly string[];
  /** Of map namespaces (`map`, `map_clients`, `map_users`; any mode). */
  readonly map?: readonly string[];
}

export function diffCases(seed: number, count: number, extra: ExtraChannels = {}): DiffCase[] {
  const r = prng(seed);
  const CHANNELS = { ...BASE_CHANNELS, map: [...BASE_CHANNELS.map, ...(extra.map ?? [])] };
  const pollChannels = extra.sharedPoll ?? [];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const chance = (p: number) => r() < p;
  const int = (n: number) => Math.floor(r() * n);
  const anyChannel = () =>
    pick(
      pick([
        CHANNELS.stream,
        CHANNELS.hist,
        CHANNELS.hist,
        CHANNELS.formats,
        CHANNELS.pres,
        CHANNELS.map,
        CHANNELS.bad,
      ]),
    );
  const raw = (v: string) => ({ raw: v }) as unknown as Json; // spliced into the body text as is
  const payload = (p: Params) => {
    if (chance(0.15)) p['b64data'] = pick(B64);
    else if (chance(0.9)) p['data'] = raw(pick(DATA));
  };
  const since = (): Json => {
    const s: Params = {};
    if (chance(0.8)) s['offset'] = int(7);
    if (chance(0.8)) s['epoch'] = pick(['@epoch', '@epoch', 'xxxxxxxx', '']);
    return s;
  };

  const gens: Record<string, () => { method: string; params: Params; channel?: string }> = {
    publish: () => {
      const channel = pick([
        ...CHANNELS.stream,
        ...CHANNELS.hist,
        ...CHANNELS.hist,
        ...CHANNELS.formats,
        ...CHANNELS.map,
        ...CHANNELS.bad,
      ]);
      const p: Params = { channel };
      payload(p);
      if (chance(0.2)) p['tags'] = pick([{ k: 'v' }, { b: '2', a: '1' }, {}, null]);
      if (chance(0.25)) p['idempotency_key'] = pick(['i1', 'i2']);
      if (chance(0.25)) p['version'] = int(6);
      if (chance(0.1)) p['version_epoch'] = pick(['', 'v1', 'v2']);
      if (chance(0.1)) p['skip_history'] = chance(0.5);
      if (chance(0.05)) p['delta'] = true;
      return { method: 'publish', params: p, channel };
    },
    broadcast: () => {
      const pool = [...CHANNELS.stream, ...CHANNELS.hist, ...CHANNELS.formats, 'map:m1', ...CHANNELS.bad];
      const channels = [...new Set(Array.from({ length: int(4) }, () => pick(pool)))];
      const p: Params = { channels };
      payload(p);
      if (chance(0.2)) p['idempotency_key'] = pick(['b1', 'b2']);
      return { method: 'broadcast', params: p };
    },
    history: () => {
      const channel = pick([
        ...CHANNELS.hist,
        ...CHANNELS.hist,
        'hist:fresh' + int(3),
        'bin:x1',
        ...CHANNELS.stream.slice(0, 1),
        ...CHANNELS.bad,
      ]);
      const p: Params = { channel };
      if (chance(0.8)) p['limit'] = pick([0, 1, 2, -1, -5, 100]);
      if (chance(0.3)) p['reverse'] = chance(0.7);
      if (chance(0.4)) p['since'] = since();
      return { method: 'history', params: p, channel };
    },
    history_remove: () => ({
      method: 'history_remove',
      params: { channel: pick([...CHANNELS.hist, 'news', ...CHANNELS.bad]) },
    }),
    presence: () => ({
      method: pick(['presence', 'presence_stats']),
      params: { channel: pick([...CHANNELS.pres, 'news', ...CHANNELS.bad]) },
    }),
    channels: () => ({ method: 'channels', params: chance(0.8) ? { pattern: pick(PATTERNS) } : {} }),
    info: () => ({ method: 'info', params: chance(0.8) ? {} : { zz: 1 } }),
    rpc: () => ({
      method: 'rpc',
      params: chance(0.8) ? { method: pick(['', 'x', 'getUser']), params: raw(pick(DATA)) } : {},
    }),
    connection: () => {
      const method = pick(['subscribe', 'unsubscribe', 'disconnect', 'refresh']);
      const p: Params = {};
      if (chance(0.8)) p['user'] = pick(['u1', '', 'ghost']);
      if (method !== 'disconnect' && method !== 'refresh' && chance(0.8)) p['channel'] = anyChannel();
      if (method === 'subscribe') {
        if (chance(0.3)) p['data'] = raw(pick(DATA));
        if (chance(0.2)) p['b64data'] = pick(B64);
        if (chance(0.2)) p['b64info'] = pick(B64);
        if (chance(0.2)) p['override'] = { presence: { value: chance(0.5) } };
        if (chance(0.2)) p['expire_at'] = pick([0, 1, 4102444800]);
        if (chance(0.1)) p['recover_since'] = since();
      }
      if (method === 'disconnect' && chance(0.4)) p['disconnect'] = { code: pick([4000, 3503]), reason: 'bye' };
      if (method === 'disconnect' && chance(0.3)) p['whitelist'] = ['c1'];
      if (method === 'refresh' && chance(0.4)) p['expired'] = chance(0.5);
      if (method === 'refresh' && chance(0.3)) p['info'] = raw(pick(DATA));
      if (chance(0.15)) p['label_filter'] = { op: '', key: 'k', cmp: 'eq', val: 'v', nodes: [{ op: 'and' }] };
      if (chance(0.1)) p['all_users'] = true;
      return { method, params: p };
    },
    map_write: () => {
      const channel = pick([...CHANNELS.map, ...CHANNELS.map, 'news', ...CHANNELS.bad]);
      const remove = chance(0.25);
      const p: Params = { channel };
      if (chance(0.9)) p['key'] = pick(['a', 'b', 'c', 'd', '']);
      if (!remove) {
        payload(p);
        if (chance(0.2)) p['tags'] = { t: '1' };
        if (chance(0.2)) p['key_mode'] = pick(['', 'if_new', 'if_exists', 'upsert']);
        if (chance(0.15)) p['version'] = int(4);
        if (chance(0.1)) p['score'] = int(10);
      }
      if (chance(0.2)) p['idempotency_key'] = pick(['m1', 'm2']);
      return { method: remove ? 'map_remove' : 'map_publish', params: p, channel };
    },
    map_read: () => {
      const channel = pick([...CHANNELS.map, ...CHANNELS.map, 'map:fresh' + int(3), 'news', ...CHANNELS.bad]);
      const method = pick(['map_read_state', 'map_read_stream', 'map_stats', 'map_read_state', 'map_read_stream']);
      const p: Params = { channel };
      if (method !== 'map_stats' && chance(0.8)) p['limit'] = pick([0, -1, 1, 2, 10]);
      if (method === 'map_read_state') {
        if (chance(0.2)) p['key'] = pick(['a', 'b', 'zz']);
        if (chance(0.2)) p['cursor'] = pick(['a', 'b', 'zz']);
        if (chance(0.2)) p['revision_epoch'] = pick(['@epoch', 'xxxxxxxx']);
        if (chance(0.2)) p['revision_offset'] = int(5);
      }
      if (method === 'map_read_stream') {
        if (chance(0.3)) p['since_offset'] = int(6);
        if (chance(0.3)) p['since_epoch'] = pick(['@epoch', 'xxxxxxxx']);
        if (chance(0.3)) p['reverse'] = true;
      }
      return { method, params: p, channel };
    },
    shared_poll: () => {
      const channel = chance(0.85) ? pick(pollChannels) : pick(['map:m1', 'news', 'nope:x']);
      const p: Params = { channel };
      if (chance(0.95)) p['key'] = pick(['k1', 'k2', 'k3', 'k1', '']);
      if (chance(0.95)) p['version'] = pick([1, 2, 3, 1 + int(100), 0]);
      if (chance(0.3)) p['epoch'] = pick(['', 'e1', 'e2']);
      payload(p);
      return { method: 'shared_poll_publish', params: p, channel };
    },
    map_clear: () => ({
      method: pick(['map_clear', 'shared_poll_publish']),
      params: chance(0.5)
        ? { channel: pick([...CHANNELS.map, 'news', 'nope:x']) }
        : { channel: 'news', key: 'k', version: 1, data: raw('1') },
    }),
  };
  const weights: readonly (keyof typeof gens)[] = [
    'publish',
    'publish',
    'publish',
    'publish',
    'broadcast',
    'history',
    'history',
    'history',
    'history_remove',
    'presence',
    'channels',
    'info',
    'rpc',
    'connection',
    'connection',
    'map_write',
    'map_write',
    'map_write',
    'map_read',
    'map_read',
    'map_clear',
  ];
  const weighted: readonly (keyof typeof gens)[] =
    pollChannels.length === 0 ? weights : [...weights, 'shared_poll', 'shared_poll', 'shared_poll', 'shared_poll'];
  const call = () => (gens[pick(weighted)] as () => { method: string; params: Params; channel?: string })();

  const cases: DiffCase[] = [];
  const add = (group: string, c: Omit<DiffCase, 'group'>) => cases.push({ group, ...c });
  while (cases.length < count) {
    const roll = r();
    const c = call();
    const body = text(c.params);
    const base = {
      method: 'POST',
      path: `/api/${c.method}`,
      headers: [KEY] as const,
      body,
      ...(c.channel === undefined ? {} : { channel: c.channel }),
    };
    if (roll < 0.45) add(`valid ${c.method}`, base);
    else if (roll < 0.75) add(`malformed body ${c.method}`, { ...base, body: breakBody(body, c.params) });
    else if (roll < 0.82) add('batch', { ...base, path: '/api/batch', body: batchBody(), channel: undefined as never });
    else if (roll < 0.87) add('legacy /api', { ...base, path: '/api', body: legacyBody() });
    else if (roll < 0.94) add('auth and headers', { ...base, ...headerVariant() });
    else add('paths and methods', { ...base, ...pathVariant(c.method) });
  }
  return cases;

  function text(p: Params): string {
    return JSON.stringify(p).replace(
      /\{"raw":"((?:[^"\\]|\\.)*)"\}/g,
      (_, s: string) => JSON.parse(`"${s}"`) as string,
    );
  }

  function breakBody(body: string, p: Params): string {
    const keys = Object.keys(p);
    const key = keys.length > 0 ? pick(keys) : 'channel';
    switch (int(14)) {
      case 0:
        return body.replace(`"${key}":`, `"${key}":${pick(['123', '"str"', 'true', '[]', '{}', '1.5'])},"${key}_was":`);
      case 1:
        return body.replace(`"${key}":`, `"${key}":null,"${key}_was":`);
      case 2:
        return body.replace(/^\{/, `{"zz":${pick(['1', '{"a":[null]}', '"x"'])},`).replace(',}', '}');
      case 3:
        return body.replace(
          `"${key}":`,
          `"${pick([key.toUpperCase(), key[0]?.toUpperCase() + key.slice(1), key.replace(/s/g, 'ſ')])}":`,
        );
      case 4:
        return body.replace(/^\{/, `{"${key}":${pick(['""', '0', 'null', '"nope:x"'])},`).replace(',}', '}');
      case 5:
        return body.slice(0, Math.max(0, int(body.length)));
      case 6:
        return body + pick([' x', '}', ',', '\n\n  ', '{}', ' null']);
      case 7:
        return pick(['', 'null', '[]', '5', '"x"', 'true', '[{}]', ' ', '\t{}']);
      case 8:
        return body
          .replace(
            /^\{/,
            `{"${pick(['version', 'limit', 'since_offset', 'expire_at', 'revision_offset'])}":${pick(['-1', '1.0', '1e2', '18446744073709551616', '2147483648', '-9223372036854775809', '"5"'])},`,
          )
          .replace(',}', '}');
      case 9:
        return body.replace(/^\{/, `{"b64data":${JSON.stringify(pick(B64))},`).replace(',}', '}');
      case 10:
        return body
          .replace(/^\{/, `{"tags":${pick(['{"a":1}', '{"a":null}', '[]', '"t"', '{"a":"1","a":"2"}'])},`)
          .replace(',}', '}');
      case 11:
        return body
          .replace(/^\{/, `{"since":${pick(['[]', '"x"', '{"offset":"1"}', '{"offset":-1}', 'null', '{"epoch":1}'])},`)
          .replace(',}', '}');
      case 12:
        return body
          .replace(/^\{/, `{"channels":${pick(['"news"', '[1]', '[null,"news"]', '{}', 'null'])},`)
          .replace(',}', '}');
      default:
        return body.replace(/"/g, "'");
    }
  }

  function batchBody(): string {
    const n = int(4);
    const readOnly = chance(0.3);
    const commands: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const roll = r();
      if (roll < 0.08) commands.push('null');
      else if (roll < 0.14)
        commands.push(pick(['{}', '{"connections":{}}', '{"PUBLISH":{"channel":"news","data":1}}']));
      else if (roll < 0.2) commands.push('{"presence":{"channel":"pres:p1"},"history":{"channel":"hist:d1"}}');
      else {
        let c = call();
        while (
          readOnly &&
          ![
            'history',
            'presence',
            'presence_stats',
            'channels',
            'info',
            'rpc',
            'map_read_state',
            'map_read_stream',
            'map_stats',
          ].includes(c.method)
        )
          c = call();
        commands.push(`{"${c.method}":${text(c.params).replace(/"@epoch"/g, '"xxxxxxxx"')}}`);
      }
    }
    const body = `{"commands":[${commands.join(',')}]${readOnly && chance(0.6) ? ',"parallel":true' : ''}}`;
    return chance(0.1)
      ? pick(['{}', '{"commands":[]}', '{"commands":{}}', 'null', '{"commands":[{"publish":{"channel":1}}]}'])
      : body;
  }

  function legacyBody(): string {
    const lines: string[] = [];
    for (let i = 0, n = 1 + int(3); i < n; i += 1) {
      const c = call();
      const cmd: string[] = [];
      if (chance(0.3)) cmd.push(`"id":${pick(['1', '7', '0', '-1', '"2"', '4294967296'])}`);
      if (chance(0.9))
        cmd.push(
          `"method":${pick([`"${c.method}"`, `"${c.method.toUpperCase()}"`, '8', '9', '13', '"foo"', '"connections"', '"batch"', 'null', '"13"'])}`,
        );
      if (chance(0.85))
        cmd.push(`"params":${chance(0.9) ? text(c.params).replace(/"@epoch"/g, '"xxxxxxxx"') : 'null'}`);
      lines.push(`{${cmd.join(',')}}`);
    }
    const sep = pick(['\n', ' ', '', '\r\n']);
    const body = lines.join(sep);
    return chance(0.1) ? pick(['', ' ', '[{"method":"info"}]', `${body}\nxx`, `${body} 5`, 'null']) : body;
  }

  function headerVariant(): Pick<DiffCase, 'headers'> & { path?: string } {
    return pick<Pick<DiffCase, 'headers'> & { path?: string }>([
      { headers: [] },
      { headers: [['X-API-Key', 'nope']] },
      { headers: [['X-API-Key', 'K1']] },
      { headers: [['Authorization', 'apikey k1']] },
      { headers: [['Authorization', 'APIKEY    k1']] },
      { headers: [['Authorization', 'Bearer k1']] },
      { headers: [['Authorization', 'apikey k1 k1']] },
      {
        headers: [
          ['X-API-Key', 'nope'],
          ['Authorization', 'apikey k1'],
        ],
      },
      {
        headers: [
          ['X-API-Key', ''],
          ['Authorization', 'apikey k1'],
        ],
      },
      {
        headers: [
          ['X-API-Key', 'k1'],
          ['X-API-Key', 'nope'],
        ],
      },
      {
        headers: [
          ['X-API-Key', 'nope'],
          ['X-API-Key', 'k1'],
        ],
      },
      { headers: [], path: `/api/${pick(['publish', 'history', 'channels'])}?api_key=k1` },
      { headers: [['X-API-Key', 'nope']], path: '/api/channels?x=1&api_key=k1' },
      { headers: [], path: '/api/channels?api_key=k1;x=1' },
      { headers: [], path: '/api/channels?api_key=k%31' },
      { headers: [KEY, ['X-Centrifugo-Error-Mode', 'transport']] },
      { headers: [KEY, ['X-Centrifugo-Error-Mode', 'Transport']] },
      { headers: [KEY, ['x-centrifugo-error-mode', 'transport']] },
      { headers: [KEY, ['Content-Type', 'text/plain']] },
    ]);
  }

  function pathVariant(method: string): Pick<DiffCase, 'method' | 'path'> {
    return pick([
      { method: pick(['GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']), path: `/api/${method}` },
      {
        method: 'POST',
        path: pick([
          '/api/foo',
          '/api/connections',
          '/api/Publish',
          `/api/${method}/`,
          '/api/',
          '/nope',
          '/publish',
          '/API/info',
        ]),
      },
      { method: 'POST', path: pick([`//api/${method}`, `/api/./${method}`, `/api/x/../${method}`, `/api//${method}`]) },
      { method: 'GET', path: `//api/${method}` },
      { method: 'POST', path: pick(['/api/pub%6Cish', '/api/%70ublish', '/api/publish%2F', '/api/publish%zz']) },
      { method: pick(['GET', 'POST']), path: pick(['/health', '/health/', '/health?x=1']) },
    ]);
  }
}

/** The golden HTTP exchanges recorded on one config variant, as cases (their placeholders kept). */
export function goldenCases(lines: readonly GoldenLine[], server: string): DiffCase[] {
  return lines
    .filter((l) => l.server === server && l.request !== undefined)
    .map((l) => {
      const req = l.request as NonNullable<GoldenLine['request']>;
      return {
        group: `golden ${/^([A-Za-z]+?)\d/.exec(l.name)?.[1] ?? l.name}`,
        method: req.method,
        path: req.path,
        headers: Object.entries(req.headers),
        body: expandBody(req),
      };
    });
}
