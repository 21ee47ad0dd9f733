// Small, dependency-free measuring helpers shared by the bench sections.
import { spawnSync } from 'node:child_process';

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
}

/** Wall time (ms) of a whole process, median of `runs`; throws if the process fails. */
export function processWallTime(command, args, { runs = 5, cwd, env } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0)
      throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    times.push(ms);
  }
  return { median: median(times), min: Math.min(...times), runs };
}

/**
 * Calls `fn` in a loop for about `ms` milliseconds (after a short warm-up) and returns
 * operations per second. The loop is bounded by time and by `maxOps`.
 */
export function opsPerSecond(fn, { ms = 500, maxOps = 50_000_000, opsPerCall = 1 } = {}) {
  const warm = performance.now() + Math.min(100, ms / 5);
  while (performance.now() < warm) fn();
  let calls = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end && calls * opsPerCall < maxOps) {
    for (let i = 0; i < 100; i++) fn();
    calls += 100;
  }
  return (calls * opsPerCall * 1000) / (performance.now() - start);
}

/** Same as opsPerSecond for async functions (awaited one after another). */
export async function asyncOpsPerSecond(fn, { ms = 1000, maxOps = 1_000_000, opsPerCall = 1 } = {}) {
  const warm = performance.now() + Math.min(200, ms / 5);
  while (performance.now() < warm) await fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() < start + ms && calls * opsPerCall < maxOps) {
    await fn();
    calls++;
  }
  return (calls * opsPerCall * 1000) / (performance.now() - start);
}

export function fmt(n, digits = 0) {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Prints rows as an aligned table. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const row of rows)
    console.log(
      `  ${row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('   ')}`,
    );
}
