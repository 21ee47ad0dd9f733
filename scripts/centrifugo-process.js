// Starting the real Centrifugo v6.9.1 (binary from ./centrifugo.js) on a loopback port, for the
// tests (test/support/centrifugo-v6.ts) and the benches (bench/lib): one copy of how. It runs in
// an empty working directory (the server loads a `.env` it finds there), with a config made of
// the caller's plus the harness's keys (listen address and port, /health as the readiness probe,
// usage stats off: they would call out to the internet), and without CENTRIFUGO_* variables,
// which would override that config.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { centrifugoPath } from './centrifugo.js';

const LOG_LIMIT = 256 * 1024;
const START_TIMEOUT_MS = 15_000;

/** The config the server is started with: the caller's, plus the harness's own keys. */
export function harnessConfig(userConfig, port) {
  return {
    ...userConfig,
    http_server: { ...userConfig.http_server, address: '127.0.0.1', port: String(port) },
    health: { enabled: true },
    usage_stats: { disabled: true },
  };
}

/**
 * Starts the server on `port` and resolves once /health answers 200: `{ url, port, config,
 * child, log(), stop() }`. Rejects (the server stopped) when it exits or does not answer
 * within 15 s; the error carries the end of its log. `spawnOptions.cpu` pins it with taskset.
 */
export async function startCentrifugoProcess(userConfig, port, { cpu } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'centkit-centrifugo-'));
  const config = harnessConfig(userConfig, port);
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  const [command, args] =
    cpu === undefined ? [centrifugoPath(), []] : ['taskset', ['-c', String(cpu), centrifugoPath()]];
  const child = spawn(command, [...args, '-c', 'config.json'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(),
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk.toString('utf8');
    if (output.length > LOG_LIMIT) output = output.slice(-LOG_LIMIT);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => {
    running = false;
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (!running) {
      await stop();
      throw new Error(`centrifugo exited during start-up:\n${output.slice(-4000)}`);
    }
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`centrifugo did not answer /health within ${START_TIMEOUT_MS} ms:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { url, port, config, child, log: () => output, stop };
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The environment without `CENTRIFUGO_*` variables, which would override the generated config. */
export function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CENTRIFUGO_')));
}
