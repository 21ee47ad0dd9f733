// Throughput side by side, shared by the mock and mock6 sections: every server started once,
// then short autocannon rounds taking turns (the order rotating each round) so a neighbour's
// burst lands on all of them alike; figures are medians over the rounds.
import autocannon from 'autocannon';
import { fmt, median, table } from './measure.js';
import { cpuSeconds } from './processes.js';

/** autocannon POSTing `request` ({ path, headers, body }) to `url` for `seconds`. */
export function load(url, seconds, connections, request) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}${request.path}`,
        connections,
        duration: seconds,
        method: 'POST',
        headers: request.headers,
        body: request.body,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** One round against one server: req/s, p99, non-2xx and the server's CPU µs per request. */
async function round(server, seconds, connections, request) {
  const cpuBefore = cpuSeconds(server.child.pid);
  const result = await load(server.url, seconds, connections, request);
  const cpuAfter = cpuSeconds(server.child.pid);
  const requests = result.requests.total;
  return {
    rps: requests / result.duration,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
    cpuPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || requests === 0
        ? undefined
        : ((cpuAfter - cpuBefore) * 1e6) / requests,
  };
}

/**
 * Starts `servers` ({ role, name, start(), request? }), runs `check(entry)` on each if given,
 * warms each up, then `rounds` rounds of `seconds` per connection count, taking turns; stops
 * them all. Each entry comes back with `rounds[c]`, one result per round.
 */
export async function alternatingRounds(servers, { rounds, seconds, connections, request, check }) {
  const running = [];
  try {
    for (const s of servers)
      running.push({
        ...s,
        request: s.request ?? request,
        server: await s.start(),
        rounds: Object.fromEntries(connections.map((c) => [c, []])),
      });
    for (const r of running) {
      if (check !== undefined) await check(r);
      await load(r.server.url, 1, 32, r.request); // warm-up: JIT, connections, caches
    }
    for (let i = 0; i < rounds; i++) {
      for (const c of connections) {
        for (let j = 0; j < running.length; j++) {
          const r = running[(i + j) % running.length];
          r.rounds[c].push(await round(r.server, seconds, c, r.request));
        }
      }
    }
  } finally {
    await Promise.all(running.map((r) => r.server.stop()));
  }
  return running;
}

/** The table of every server at every connection count: median req/s, its range, p99, CPU per request, failures. */
export function throughputTable(title, running, connections) {
  const rows = [[title, 'connections', 'req/s', 'min–max', 'p99 ms', 'server CPU µs/req', 'failed']];
  for (const c of connections) {
    for (const r of running) {
      const rounds = r.rounds[c];
      const rps = rounds.map((x) => x.rps);
      const cpu = rounds.map((x) => x.cpuPerRequest).filter((x) => x !== undefined);
      rows.push([
        r.name,
        c,
        fmt(median(rps)),
        `${fmt(Math.min(...rps))}–${fmt(Math.max(...rps))}`,
        fmt(median(rounds.map((x) => x.p99))),
        cpu.length === 0 ? 'n/a' : fmt(median(cpu), 1),
        rounds.reduce((n, x) => n + x.bad, 0),
      ]);
    }
  }
  table(rows);
}

/** `a / b` of two servers' req/s at `c`: "R× (per round x–y×)", from the medians and the rounds run side by side. */
export function ratio(a, b, c) {
  const [x, y] = [a, b].map((r) => r.rounds[c].map((round) => round.rps));
  const perRound = x.map((v, i) => v / y[i]);
  return `${fmt(median(x) / median(y), 2)}× (per round ${fmt(Math.min(...perRound), 2)}–${fmt(Math.max(...perRound), 2)}×)`;
}
