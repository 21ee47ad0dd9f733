// The ws bench's load generator, in a process of its own (forked by bench/ws.bench.js; it keeps
// the bench's CPU pinning): `clients` real `centrifuge` SDK clients (Centrifuge +
// newSubscription, with `ws` as their websocket), all on one channel; then, when told, one API
// publish every `everyMs` ms, `publishes` times, each carrying its send time; the delivery latency
// is that time to the SDK's `publication` event, both read from this process's clock. Bounded:
// it gives up waiting for deliveries after 10 s and exits by itself after 120 s whatever happens.
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';

const HARD_STOP_MS = 120_000;
setTimeout(() => process.exit(2), HARD_STOP_MS).unref();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const spec = await new Promise((resolve) => process.once('message', resolve));
const { wsUrl, apiUrl, key, token, channel, clients: count, publishes, everyMs } = spec;

const latencies = new Float64Array(count * publishes);
let delivered = 0;
const onPublication = (ctx) => {
  const now = performance.now();
  if (delivered < latencies.length) latencies[delivered++] = now - ctx.data.t;
};

/** One SDK client, subscribed: resolves once the subscription is. */
function subscribed() {
  return new Promise((resolve, reject) => {
    const client = new Centrifuge(wsUrl, { websocket: WebSocket, token, minReconnectDelay: 1000 });
    const sub = client.newSubscription(channel);
    sub.on('publication', onPublication);
    sub.once('subscribed', () => resolve(client));
    sub.once('error', (ctx) => reject(new Error(`subscribe failed: ${JSON.stringify(ctx.error)}`)));
    client.once('disconnected', (ctx) => reject(new Error(`disconnected: ${ctx.code} ${ctx.reason}`)));
    sub.subscribe();
    client.connect();
  });
}

const all = [];
for (let start = 0; start < count; start += 100)
  all.push(...(await Promise.all(Array.from({ length: Math.min(100, count - start) }, subscribed))));
process.send({ connected: all.length });
await new Promise((resolve) => process.once('message', resolve));

let failed = 0;
const inFlight = new Set();
const began = performance.now();
for (let i = 0; i < publishes; i++) {
  const wait = began + i * everyMs - performance.now();
  if (wait > 0) await sleep(wait);
  const body = `{"channel":"${channel}","data":{"i":${i},"t":${performance.now()}}}`;
  const p = fetch(`${apiUrl}/publish`, { method: 'POST', headers: { 'X-API-Key': key }, body })
    .then(async (r) => {
      if (r.status !== 200 || (await r.text()).includes('"error"')) failed++;
    })
    .catch(() => failed++)
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
  if (inFlight.size >= 64) await Promise.race(inFlight);
}
await Promise.all(inFlight);
const deadline = performance.now() + 10_000;
while (delivered < latencies.length && performance.now() < deadline) await sleep(20);
for (const client of all) client.disconnect();
const sorted = latencies.subarray(0, delivered).sort();
const at = (q) => (delivered === 0 ? NaN : sorted[Math.min(delivered - 1, Math.floor(q * delivered))]);
process.send({ p50: at(0.5), p99: at(0.99), delivered, failed }, () => process.exit(0));
