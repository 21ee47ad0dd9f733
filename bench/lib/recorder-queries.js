// Child process for the mock's query figures: one CommandRecorder keeping 1,000,000 commands
// (recordLimit), queried with filter objects (columns tested first, `since` as a start index)
// and with the same filters as predicates (every record made an object, then tested: the way
// every query ran before). Prints JSON: milliseconds per query, median of 7.
import { toPredicate, CommandRecorder } from '../../packages/mock/dist/state/recorder.js';

const KEPT = 1_000_000;
const r = new CommandRecorder(KEPT);
for (let i = 0; i < KEPT; i += 1) {
  r.record({
    requestId: i,
    index: 0,
    transport: 'http',
    uid: '',
    method: i % 10 === 0 ? 'history' : 'publish',
    paramsJson: `{"channel":"c${i % 1000}","data":{"n":${i}}}`,
    channels: [`c${i % 1000}`],
    outcome: 'ok',
    error: null,
    advice: null,
    bodyJson: 'null',
    at: i,
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const runs = [];
  for (let i = 0; i < 7; i += 1) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
};
const queries = {
  'method + channel (1,000 of 1M match)': { method: 'history', channel: 'c500' },
  'since the last 100': { since: r.lastSeq - 100 },
  'method, since the last 10,000': { method: 'history', since: r.lastSeq - 10_000 },
};
const out = {};
for (const [name, filter] of Object.entries(queries)) {
  const fast = time(() => r.list(filter));
  const plain = time(() => r.list(toPredicate(filter)));
  out[name] = { fast, plain, returned: r.list(filter).length };
}
console.log(JSON.stringify(out));
