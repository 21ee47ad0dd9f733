// Child process for the mock's memory figure: one mock in this process, filled through its
// own HTTP API with 10,000 channels × 10 history messages; prints RSS before and after (MiB).
import { createHmac } from 'node:crypto';
import { startMockCentrifugo } from '@centkit/mock';

const CHANNELS = 10_000;
const PER_CHANNEL = 10;
const secret = 'memory';
const mb = () => {
  globalThis.gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};
const mock = await startMockCentrifugo({
  secret,
  recordLimit: 1000,
  config: { namespaces: [{ name: 'hist', history_size: PER_CHANNEL, history_lifetime: 3600 }] },
});
const before = mb();
for (let round = 0; round < PER_CHANNEL; round++) {
  for (let start = 0; start < CHANNELS; start += 1000) {
    const commands = [];
    for (let c = start; c < start + 1000; c++)
      commands.push({
        method: 'publish',
        params: { channel: `hist:ch${c}`, data: { text: `message ${round} of channel ${c}`, n: round } },
      });
    const data = JSON.stringify(commands);
    const res = await fetch(mock.apiUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-sign': createHmac('sha256', secret).update(data).digest('hex'),
      },
      body: data,
    });
    if (res.status !== 200) throw new Error(`publish batch failed: ${res.status}`);
    await res.arrayBuffer();
  }
}
const check = mock.history('hist:ch9999');
const after = mb();
console.log(JSON.stringify({ before, after, sample: check.length }));
await mock.close();
