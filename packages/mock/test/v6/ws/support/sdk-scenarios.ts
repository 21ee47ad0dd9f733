/**
 * The SDK scenarios: each drives real `centrifuge` clients and the server API through one story
 * and leaves an event log. The same list runs against the mock and against the real v6.9.1
 * (recordingConfig), and each log must equal the one written here, which is what the real
 * server produced: the same events, pushes and codes in the same order.
 */
import type { SdkEnv } from './sdk-env.js';

export interface SdkScenario {
  readonly name: string;
  run(env: SdkEnv): Promise<void>;
  readonly expected: readonly string[];
}

export const SCENARIOS: readonly SdkScenario[] = [
  {
    name: 'connect, subscribe, receive API publishes',
    async run(env) {
      const a = env.client('A', { token: await env.token({ sub: 'u1' }) });
      const sub = env.subscription(a, 'A', 'news');
      sub.subscribe();
      a.connect();
      await sub.ready(5000);
      await env.api.publish({ channel: 'news', data: { text: 'hello' } });
      await env.api.publish({ channel: 'news', data: { text: 'tagged' }, tags: { kind: 'greeting' } });
      await env.log.waitFor('A/news publication', 2);
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A/news subscribed {"channel":"news","positioned":false,"recoverable":false,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false}',
      'A/news publication {"data":{"text":"hello"}}',
      'A/news publication {"data":{"text":"tagged"},"tags":{"kind":"greeting"}}',
    ],
  },
  {
    name: 'history channel: position, publications with offsets, client history',
    async run(env) {
      await env.api.publish({ channel: 'hist:sdk1', data: { n: 1 } });
      const a = env.client('A', { token: await env.token({ sub: 'u1' }) });
      const sub = env.subscription(a, 'A', 'hist:sdk1');
      sub.subscribe();
      a.connect();
      await sub.ready(5000);
      await env.api.publish({ channel: 'hist:sdk1', data: { n: 2 } });
      await env.api.publish({ channel: 'hist:sdk1', data: { n: 3 } });
      await env.log.waitFor('A/hist:sdk1 publication', 2);
      const h = await sub.history({ limit: 2, reverse: true });
      env.log.add('A/hist:sdk1', 'history', {
        offset: h.offset,
        publications: h.publications.map((p) => ({ data: p.data, offset: p.offset })),
      });
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A/hist:sdk1 subscribed {"channel":"hist:sdk1","positioned":true,"recoverable":true,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false,"streamPosition":{"offset":1,"epoch":"<epoch:1>"}}',
      'A/hist:sdk1 publication {"data":{"n":2},"offset":2}',
      'A/hist:sdk1 publication {"data":{"n":3},"offset":3}',
      'A/hist:sdk1 history {"offset":3,"publications":[{"data":{"n":3},"offset":3},{"data":{"n":2},"offset":2}]}',
    ],
  },
  {
    name: 'join, leave, presence and presence stats',
    async run(env) {
      const a = env.client('A', { token: await env.token({ sub: 'u1', info: { name: 'Ann' } }) });
      const sa = env.subscription(a, 'A', 'pres:room');
      sa.subscribe();
      a.connect();
      await sa.ready(5000);
      await env.log.waitFor('A/pres:room join');
      const b = env.client('B', { token: await env.token({ sub: 'u2' }) });
      const sb = env.subscription(b, 'B', 'pres:room');
      sb.subscribe();
      b.connect();
      await sb.ready(5000);
      await env.log.waitFor('A/pres:room join', 2);
      const p = await sa.presence();
      env.log.add('A/pres:room', 'presence', {
        users: Object.values(p.clients)
          .map((c) => c.user)
          .sort(),
      });
      const st = await sa.presenceStats();
      env.log.add('A/pres:room', 'presence-stats', { numClients: st.numClients, numUsers: st.numUsers });
      sb.unsubscribe();
      await env.log.waitFor('A/pres:room leave');
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A/pres:room subscribed {"channel":"pres:room","positioned":false,"recoverable":false,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false}',
      'A/pres:room join {"info":{"client":"<client:1>","user":"u1","connInfo":{"name":"Ann"}}}',
      'B connecting {"code":0,"reason":"connect called"}',
      'A/pres:room join {"info":{"client":"<client:2>","user":"u2"}}',
      'B connected {"client":"<client:2>","transport":"websocket"}',
      'B/pres:room subscribed {"channel":"pres:room","positioned":false,"recoverable":false,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false}',
      'B/pres:room join {"info":{"client":"<client:2>","user":"u2"}}',
      'A/pres:room presence {"users":["u1","u2"]}',
      'A/pres:room presence-stats {"numClients":2,"numUsers":2}',
      'B/pres:room unsubscribed {"code":0,"reason":"unsubscribe called"}',
      'A/pres:room leave {"info":{"client":"<client:2>","user":"u2"}}',
    ],
  },
  {
    name: 'client publish comes back with the publisher info',
    async run(env) {
      const a = env.client('A', { token: await env.token({ sub: 'u1' }) });
      const sub = env.subscription(a, 'A', 'news');
      sub.subscribe();
      a.connect();
      await sub.ready(5000);
      await sub.publish({ text: 'from the client' });
      await env.log.waitFor('A/news publication');
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A/news subscribed {"channel":"news","positioned":false,"recoverable":false,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false}',
      'A/news publication {"data":{"text":"from the client"},"info":{"client":"<client:1>","user":"u1"}}',
    ],
  },
  {
    name: 'recovery after a reconnect',
    async run(env) {
      const a = env.client('A', { token: await env.token({ sub: 'u1' }) });
      const sub = env.subscription(a, 'A', 'hist:sdk2');
      sub.subscribe();
      a.connect();
      await sub.ready(5000);
      await env.api.publish({ channel: 'hist:sdk2', data: { n: 1 } });
      await env.log.waitFor('A/hist:sdk2 publication');
      await env.api.disconnect({ user: 'u1', disconnect: { code: 4001, reason: 'come back' } });
      await env.log.waitFor('A connecting');
      await env.api.publish({ channel: 'hist:sdk2', data: { n: 2 } });
      await env.api.publish({ channel: 'hist:sdk2', data: { n: 3 } });
      await env.log.waitFor('A/hist:sdk2 publication', 3);
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A/hist:sdk2 subscribed {"channel":"hist:sdk2","positioned":true,"recoverable":true,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false,"streamPosition":{"offset":0,"epoch":"<epoch:1>"}}',
      'A/hist:sdk2 publication {"data":{"n":1},"offset":1}',
      'A connecting {"code":4001,"reason":"come back"}',
      'A connected {"client":"<client:2>","transport":"websocket"}',
      'A/hist:sdk2 subscribed {"channel":"hist:sdk2","positioned":true,"recoverable":true,"wasRecovering":true,"recovered":true,"hasRecoveredPublications":true,"streamPosition":{"offset":1,"epoch":"<epoch:1>"}}',
      'A/hist:sdk2 publication {"data":{"n":2},"offset":2}',
      'A/hist:sdk2 publication {"data":{"n":3},"offset":3}',
    ],
  },
  {
    name: 'server unsubscribe and server disconnect',
    async run(env) {
      const a = env.client('A', { token: await env.token({ sub: 'u1' }) });
      const sub = env.subscription(a, 'A', 'news');
      sub.subscribe();
      a.connect();
      await sub.ready(5000);
      await env.api.unsubscribe({ user: 'u1', channel: 'news' });
      await env.log.waitFor('A/news unsubscribed');
      await env.api.disconnect({ user: 'u1' });
      await env.log.waitFor('A disconnected');
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A/news subscribed {"channel":"news","positioned":false,"recoverable":false,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false}',
      'A/news unsubscribed {"code":2000,"reason":"server unsubscribe"}',
      'A disconnected {"code":3503,"reason":"force disconnect"}',
    ],
  },
  {
    name: 'server-side subscribe and its publications',
    async run(env) {
      const a = env.client('A', { token: await env.token({ sub: 'u1' }) });
      a.connect();
      await a.ready(5000);
      await env.api.subscribe({ user: 'u1', channel: 'hist:sdk3', data: { welcome: true } });
      await env.log.waitFor('A server-subscribed');
      await env.api.publish({ channel: 'hist:sdk3', data: { n: 1 } });
      await env.log.waitFor('A server-publication');
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A server-subscribed {"channel":"hist:sdk3","positioned":true,"recoverable":true,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false,"streamPosition":{"offset":0,"epoch":"<epoch:1>"},"data":{"welcome":true}}',
      'A server-publication {"channel":"hist:sdk3","data":{"n":1},"offset":1}',
    ],
  },
  {
    name: 'subscription token for a private channel, token refresh on expiry',
    async run(env) {
      const a = env.client('A', {
        token: await env.token({ sub: 'u1' }, 2),
        getToken: async () => {
          env.log.add('A', 'getToken');
          return env.token({ sub: 'u1' }, 3600);
        },
      });
      const sub = env.subscription(a, 'A', '$private', {
        getToken: async (ctx) => env.token({ sub: 'u1', channel: ctx.channel }, 3600),
      });
      sub.subscribe();
      a.connect();
      await sub.ready(5000);
      await env.api.publish({ channel: '$private', data: { secret: 1 } });
      await env.log.waitFor('A/$private publication');
      await env.log.waitFor('A getToken');
      await env.api.publish({ channel: '$private', data: { secret: 2 } });
      await env.log.waitFor('A/$private publication', 2);
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A/$private subscribed {"channel":"$private","positioned":false,"recoverable":false,"wasRecovering":false,"recovered":false,"hasRecoveredPublications":false}',
      'A/$private publication {"data":{"secret":1}}',
      'A getToken {}',
      'A/$private publication {"data":{"secret":2}}',
    ],
  },
  {
    name: 'an expired token is replaced through getToken; an unknown namespace fails the subscription',
    async run(env) {
      const a = env.client('A', {
        token: await env.token({ sub: 'u1' }, -60),
        getToken: async () => {
          env.log.add('A', 'getToken');
          return env.token({ sub: 'u1' });
        },
      });
      const sub = env.subscription(a, 'A', 'nope:x');
      sub.subscribe();
      a.connect();
      await env.log.waitFor('A connected');
      await env.log.waitFor('A/nope:x unsubscribed');
    },
    expected: [
      'A connecting {"code":0,"reason":"connect called"}',
      'A error {"type":"connect","code":109,"message":"token expired"}',
      'A getToken {}',
      'A connected {"client":"<client:1>","transport":"websocket"}',
      'A/nope:x unsubscribed {"code":102,"reason":"unknown channel"}',
    ],
  },
];
