/**
 * Raw client-protocol cases beyond the goldens, for the differential test: token claims (exp,
 * nbf, expire_at, channel, sub types, info/b64info, channels and subs, other algorithms),
 * command decoding (types, case, trailing text, missing id or method), subscribe options
 * (positioned, recoverable, join_leave, delta, recovery with flags), subscription tokens,
 * permissions per namespace, client history/presence/publish errors, refresh and sub_refresh,
 * and what API publishes push (tags, version, binary data, offsets with epochs). A step sends a
 * frame (tokens written as `TOKEN(<claims json>[,<secret>])`), calls the server API, or waits.
 */
export type RawStep = { readonly send: string } | { readonly api: readonly [method: string, body: object] };

export interface RawCase {
  readonly name: string;
  readonly steps: readonly RawStep[];
}

const s = (send: string): RawStep => ({ send });
const api = (method: string, body: object): RawStep => ({ api: [method, body] });
/** A connect frame with a token of these claims (`exp`/`nbf`/`expire_at` given as seconds from now with `+`/`-`). */
const connect = (claims: string, secret = 's1', id = 1) =>
  s(`{"id":${id},"connect":{"token":"TOKEN(${claims},${secret})"}}`);
const u1 = connect('{"sub":"u1"}');

export const RAW_CASES: readonly RawCase[] = [
  { name: 'id as a string', steps: [s('{"id":"1","connect":{}}')] },
  { name: 'bad JSON', steps: [s('{"id":1,')] },
  {
    name: 'trailing text after the command',
    steps: [s('{"id":1,"connect":{"token":"TOKEN({"sub":"u1"},s1)"}} trailing')],
  },
  { name: 'connect without id', steps: [s('{"connect":{"token":"TOKEN({"sub":"u1"},s1)"}}')] },
  {
    name: 'keys in another case',
    steps: [s('{"ID":1,"Connect":{"Token":"TOKEN({"sub":"u1"},s1)"}}'), s('{"id":2,"SUBSCRIBE":{"Channel":"news"}}')],
  },
  { name: 'connect twice', steps: [u1, s('{"id":2,"connect":{}}')] },
  { name: 'send closes 3508', steps: [u1, s('{"send":{"data":{}}}')] },
  { name: 'no method', steps: [u1, s('{"id":2}')] },
  { name: 'ping null is no method', steps: [u1, s('{"id":2,"ping":null}')] },
  { name: 'ping beside a method is 108', steps: [u1, s('{"id":2,"ping":{},"presence":{"channel":"pres:x"}}')] },
  { name: 'null line', steps: [s('null')] },
  { name: 'refresh without token', steps: [u1, s('{"id":2,"refresh":{}}')] },
  {
    name: 'refresh with a token of the same user',
    steps: [u1, s('{"id":2,"refresh":{"token":"TOKEN({"sub":"u1","exp":+100},s1)"}}')],
  },
  {
    name: 'refresh with an expired token',
    steps: [u1, s('{"id":2,"refresh":{"token":"TOKEN({"sub":"u1","exp":-100},s1)"}}')],
  },
  { name: 'refresh with another user', steps: [u1, s('{"id":2,"refresh":{"token":"TOKEN({"sub":"u2"},s1)"}}')] },
  { name: 'token channels claim', steps: [connect('{"sub":"u1","channels":["news","hist:q","pres:x"]}')] },
  {
    name: 'token subs claim with data, info and overrides',
    steps: [
      connect(
        '{"sub":"u1","subs":{"news":{"data":{"d":1},"info":{"i":1}},"pres:y":{"override":{"presence":{"value":false}}}}}',
      ),
      s('{"id":2,"presence":{"channel":"pres:y"}}'),
    ],
  },
  {
    name: 'token channels with an unknown namespace',
    steps: [connect('{"sub":"u1","channels":["nope:x"]}'), s('{"id":2,"subscribe":{"channel":"news"}}')],
  },
  { name: 'expire_at over exp', steps: [connect('{"sub":"u1","expire_at":+100,"exp":+1000}')] },
  { name: 'expire_at 0 never expires', steps: [connect('{"sub":"u1","expire_at":0,"exp":+1000}')] },
  {
    name: 'expire_at in the past',
    steps: [connect('{"sub":"u1","expire_at":-10,"exp":+1000}'), s('{"id":2,"subscribe":{"channel":"news"}}')],
  },
  { name: 'nbf in the future', steps: [connect('{"sub":"u1","nbf":+100}')] },
  { name: 'channel claim in a connection token', steps: [connect('{"sub":"u1","channel":"x"}')] },
  { name: 'sub as a number', steps: [connect('{"sub":5}')] },
  { name: 'malformed token', steps: [s('{"id":1,"connect":{"token":"abc"}}')] },
  {
    name: 'info and b64info',
    steps: [
      connect('{"sub":"u1","info":{"a":"<"},"b64info":"eyJiIjoxfQ=="}'),
      s('{"id":2,"subscribe":{"channel":"pres:z"}}'),
      s('{"id":3,"presence":{"channel":"pres:z"}}'),
    ],
  },
  {
    name: 'info with spaces and html kept as sent',
    steps: [connect('{"sub":"u1","info":{ "n" : "<&>" }}'), s('{"id":2,"subscribe":{"channel":"pres:z"}}')],
  },
  {
    name: 'anonymous token',
    steps: [
      connect('{}'),
      s('{"id":2,"subscribe":{"channel":"news"}}'),
      s('{"id":3,"subscribe":{"channel":"pres:a"}}'),
    ],
  },
  {
    name: 'subscribe flags and namespaces',
    steps: [
      u1,
      s('{"id":2,"subscribe":{"channel":"both:a","positioned":true,"recoverable":true}}'),
      s('{"id":3,"subscribe":{"channel":"pres:a","join_leave":true}}'),
      s('{"id":4,"subscribe":{"channel":"map:a"}}'),
      s('{"id":5,"subscribe":{"channel":"delta:a","delta":"fossil"}}'),
      s('{"id":6,"subscribe":{"channel":"hist:a","positioned":true,"flag":1}}'),
      s('{"id":7,"subscribe":{"channel":"map:b","type":1}}'),
      s('{"id":8,"subscribe":{"channel":"news2","delta":"bad"}}'),
    ],
  },
  {
    name: 'recovery from an empty position and with a wrong epoch',
    steps: [
      api('publish', { channel: 'hist:r1', data: { a: 1 } }),
      u1,
      s('{"id":2,"subscribe":{"channel":"hist:r1","recover":true}}'),
      s('{"id":3,"subscribe":{"channel":"hist:r2","recover":true,"offset":0,"epoch":"zzzz","flag":2}}'),
      s('{"id":4,"subscribe":{"channel":"hist:r3","recover":true,"offset":3,"epoch":"zzzz"}}'),
    ],
  },
  {
    name: 'subscription tokens',
    steps: [
      u1,
      s(
        '{"id":2,"subscribe":{"channel":"$p","token":"TOKEN({"sub":"u1","channel":"$p","info":{"ci":1},"data":{"d":2}},s1)"}}',
      ),
      s('{"id":3,"subscribe":{"channel":"$q","token":"TOKEN({"sub":"u1","channel":"$q"},bad)"}}'),
      s('{"id":4,"subscribe":{"channel":"$r","token":"TOKEN({"sub":"u1","channel":"$r","exp":-10},s1)"}}'),
      s(
        '{"id":5,"subscribe":{"channel":"news","token":"TOKEN({"sub":"u1","channel":"news","override":{"force_recovery":{"value":true}}},s1)"}}',
      ),
      s('{"id":6,"subscribe":{"channel":"$t"}}'),
      s('{"id":7,"subscribe":{"channel":"$s","token":"TOKEN({"sub":"u2","channel":"$s"},s1)"}}'),
    ],
  },
  {
    name: 'subscription token for another channel',
    steps: [u1, s('{"id":2,"subscribe":{"channel":"$p","token":"TOKEN({"sub":"u1","channel":"$x"},s1)"}}')],
  },
  {
    name: 'client commands and their errors',
    steps: [
      u1,
      s('{"id":2,"presence":{"channel":"pres:a"}}'),
      s('{"id":3,"presence_stats":{"channel":"pres:a"}}'),
      s('{"id":4,"publish":{"channel":"jsonobj:a","data":1}}'),
      s('{"id":5,"history":{"channel":"news"}}'),
      s('{"id":6,"publish":{"channel":"map:a","data":{}}}'),
      s('{"id":7,"unsubscribe":{"channel":"zz"}}'),
      s('{"id":8,"history":{"channel":"nope:x"}}'),
      s('{"id":9,"presence":{"channel":"ü"}}'),
      s('{"id":10,"subscribe":{"channel":"ü"}}'),
      s('{"id":11,"publish":{"channel":"news"}}'),
      s('{"id":12,"subscribe":{"channel":"news"}}'),
      s('{"id":13,"publish":{"channel":"news","data":"<b>"}}'),
      s('{"id":14,"sub_refresh":{"channel":"news"}}'),
      s('{"id":15,"sub_refresh":{"channel":"zz","token":"x"}}'),
      s('{"id":16,"rpc":{"method":"m"}}'),
    ],
  },
  {
    name: 'client history on a history channel',
    steps: [
      api('publish', { channel: 'hist:h1', data: { n: 1 } }),
      api('publish', { channel: 'hist:h1', data: { n: 2 } }),
      u1,
      s('{"id":2,"subscribe":{"channel":"hist:h1"}}'),
      s('{"id":3,"history":{"channel":"hist:h1","limit":0}}'),
      s('{"id":4,"history":{"channel":"hist:h1"}}'),
      s('{"id":5,"history":{"channel":"hist:h1","limit":-1,"reverse":true}}'),
      s('{"id":6,"history":{"channel":"hist:h1","since":{"offset":0,"epoch":"x"},"reverse":true}}'),
      s('{"id":7,"history":{"channel":"hist:h1","since":{"offset":0,"epoch":"xxxx"}}}'),
      s('{"id":8,"history":{"channel":"hist:h1","since":{"offset":1}}}'),
    ],
  },
  {
    name: 'what API publishes push',
    steps: [
      connect('{"sub":"u1","info":{"n":"<&>"}}'),
      s(
        '{"id":2,"subscribe":{"channel":"hist:v"}}\n{"id":3,"subscribe":{"channel":"news"}}\n{"id":4,"subscribe":{"channel":"pres:v"}}',
      ),
      api('publish', { channel: 'hist:v', data: { x: '<' }, version: 5 }),
      api('publish', { channel: 'hist:v', data: { x: 2 }, version: 3 }),
      api('publish', { channel: 'hist:v', data: { x: 3 }, tags: { b: '2', a: '1' }, delta: true }),
      api('publish', { channel: 'news', data: ' {"a" :\n 1} ' }),
      api('broadcast', { channels: ['news', 'hist:nobody'], data: { b: 1 } }), // one subscribed channel: the server publishes a broadcast's channels concurrently
      api('publish', { channel: 'news', b64data: 'eyJ6Ijp0cnVlfQ==' }),
      api('subscribe', { user: 'u1', channel: 'hist:w', data: { s: 1 }, info: { ci: 2 } }),
      api('refresh', { user: 'u1', expire_at: '+100' }),
      s('{"id":5,"history":{"channel":"hist:v","limit":-1}}'),
      api('unsubscribe', { user: 'u1', channel: 'news' }),
      api('publish', { channel: 'news', b64data: 'AP8=' }),
      api('publish', { channel: 'hist:v', b64data: 'AP8=' }),
    ],
  },
];
