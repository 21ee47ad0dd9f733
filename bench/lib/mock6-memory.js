// Child process for the v6 mock's memory figure: one v6 mock in this process, filled through its
// own server API (POST /api/batch, 1,000 publishes a request) with 10,000 channels × 10 history
// messages; prints RSS before and after (MiB).
import { startMockCentrifugoV6 } from '@centkit/mock/v6';

const CHANNELS = 10_000;
const PER_CHANNEL = 10;
const KEY = 'memory';
const mb = () => {
  globalThis.gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};
const mock = await startMockCentrifugoV6({
  recordLimit: 1000,
  config: {
    http_api: { key: KEY },
    channel: { namespaces: [{ name: 'hist', history_size: PER_CHANNEL, history_ttl: '1h' }] },
  },
});
const before = mb();
for (let round = 0; round < PER_CHANNEL; round++) {
  for (let start = 0; start < CHANNELS; start += 1000) {
    const commands = [];
    for (let c = start; c < start + 1000; c++)
      commands.push({
        publish: { channel: `hist:ch${c}`, data: { text: `message ${round} of channel ${c}`, n: round } },
      });
    const res = await fetch(`${mock.apiUrl}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ commands }),
    });
    const text = await res.text();
    if (res.status !== 200 || text.includes('"error"'))
      throw new Error(`publish batch failed: ${res.status} ${text.slice(0, 200)}`);
  }
}
const check = await fetch(`${mock.apiUrl}/history`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-api-key': KEY },
  body: JSON.stringify({ channel: 'hist:ch9999', limit: -1 }),
}).then((r) => r.json());
const after = mb();
console.log(JSON.stringify({ before, after, sample: check.result.publications.length }));
await mock.close();
