// Child processes for benchmarks: servers run in their own process so the load generator
// and the server do not share an event loop (this machine has 2 cores: one each).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The mock (`centkit-mock`) in its own process, on a free port, with a config written for it. */
export function startMock(config) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'centkit-bench-')), 'centrifugo.json');
  writeFileSync(file, JSON.stringify(config));
  return startChild([path.join(root, 'packages/mock/bin/centkit-mock.js'), '--port', '0', '--config', file], { ready: /API at (http:\/\/127\.0\.0\.1:\d+)/ });
}

/**
 * Spawns `node ...args`, waits until a stdout line matches `ready` (its first group is
 * returned as `url`), and gives a `stop()` that kills it. Fails after `timeoutMs`.
 */
export function startChild(args, { ready = /(http:\/\/127\.0\.0\.1:\d+)/, timeoutMs = 10_000, env } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child ${args.join(' ')} not ready after ${timeoutMs} ms: ${out}${err}`));
    }, timeoutMs);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          readyMs: performance.now() - started,
          child,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 2000).unref();
          }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child ${args.join(' ')} exited (${code}) before it was ready: ${err}`));
    });
  });
}
