// A mock in a process of its own, for memory measurements: started with the options in argv[2]
// (JSON), the 1.x mock or, with argv[3] `v6`, the v6 one; it reports its port and RSS over IPC, then answers 'peak' (the highest RSS sampled
// every 5 ms since the last ask) and 'gc' (RSS, and the bytes the JS engine holds, heap and
// external, after collecting garbage; needs --expose-gc).
const { startMockCentrifugo } = await import(process.argv[3] === 'v6' ? '@centkit/mock/v6' : '@centkit/mock');
const mock = await startMockCentrifugo(JSON.parse(process.argv[2] ?? '{}'));
const rss = () => process.memoryUsage().rss;
const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
let peak = rss();
setInterval(() => {
  peak = Math.max(peak, rss());
}, 5).unref();
process.on('message', async (m) => {
  if (m === 'peak') {
    const p = Math.max(peak, rss());
    peak = rss();
    process.send({ peak: p });
  } else if (m === 'gc') {
    // Freed array buffers go back once the sweeper after a collection has run, and a refused
    // connection is closed 500 ms after its answer (Go's rule): collect past both.
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 800));
    globalThis.gc();
    await new Promise((r) => setTimeout(r, 200));
    globalThis.gc();
    process.send({ rss: rss(), held: held() });
  } else if (m === 'stop') {
    await mock.close();
    process.exit(0);
  }
});
globalThis.gc();
process.send({ port: mock.port, rss: rss(), held: held() });
