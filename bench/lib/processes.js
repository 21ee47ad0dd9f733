// Child processes for benchmarks: servers run in their own process so the load generator
// and the server do not share an event loop (this machine has 2 cores: one each).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The mock's bin, or the entry of a saved build (`bin`, lib/mock-builds.js). */
export const MOCK_BIN = path.join(root, 'packages/mock/bin/centkit-mock.js');

/** The mock (`centkit-mock`, or the build at `options.bin`) in its own process, on a free port, with a config written for it. */
export function startMock(config, { bin = MOCK_BIN, ...options } = {}) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'centkit-bench-')), 'centrifugo.json');
  writeFileSync(file, JSON.stringify(config));
  return startChild([bin, '--port', '0', '--config', file], {
    ready: /API at (http:\/\/127\.0\.0\.1:\d+)/,
    ...options,
  });
}

/** `centkit-mock --protocol v6` (or the build at `options.bin`) in its own process on a free port, with `config` (Centrifugo v6's own keys) as its config file. */
export function startMockV6(config, { bin = MOCK_BIN, ...options } = {}) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'centkit-bench-')), 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return startChild([bin, '--protocol', 'v6', '--port', '0', '-c', file], {
    ready: /API at (http:\/\/127\.0\.0\.1:\d+)/,
    ...options,
  });
}

/**
 * Runs `measure` with this process (the load generator) pinned to CPU 0 where it can be, saying
 * which; afterwards this process may use every CPU again (start-up timings compile in the
 * background on more than one thread).
 */
export async function withLoadPinned(measure) {
  const pinned = pinThisProcess('0');
  console.log(
    pinned
      ? '  (throughput: load generator pinned to CPU 0, servers to CPU 1)'
      : `  (not pinned: ${canPin() ? 'taskset failed' : 'no taskset or < 2 CPUs'})`,
  );
  try {
    return await measure();
  } finally {
    if (pinned) pinThisProcess(`0-${os.cpus().length - 1}`);
  }
}

let taskset;
/** Whether CPUs can be pinned here (Linux with util-linux's taskset, and at least 2 CPUs). */
export function canPin() {
  taskset ??=
    os.cpus().length >= 2 && spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status === 0;
  return taskset;
}

/**
 * Pins every thread of this process to `cpus` (a taskset list: '0', '0-1'). With 2 cores the
 * load generator and the server each get one, instead of the scheduler moving them about.
 */
export function pinThisProcess(cpus) {
  if (!canPin()) return false;
  return spawnSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' }).status === 0;
}

/** CPU time (user + system, seconds) a process has used so far, from /proc; undefined elsewhere. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return undefined;
  }
}

let ticks;
function clockTicks() {
  ticks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticks;
}

/**
 * Spawns `node ...args` (or `executable ...args`; pinned to CPU `cpu` when given and possible; with `env` added to this
 * process's environment, or as the whole of it when `inheritEnv` is false), waits until a stdout
 * line matches `ready` (its first group is returned as `url`), and gives a `stop()` that kills
 * it. Fails after `timeoutMs`.
 */
export function startChild(
  args,
  {
    ready = /(http:\/\/127\.0\.0\.1:\d+)/,
    timeoutMs = 10_000,
    env,
    inheritEnv = true,
    cpu,
    executable = process.execPath,
  } = {},
) {
  const started = performance.now();
  // taskset execs the program in place: the child's pid is the program's.
  const [command, argv] =
    cpu !== undefined && canPin() ? ['taskset', ['-c', String(cpu), executable, ...args]] : [executable, args];
  const child = spawn(command, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: inheritEnv ? { ...process.env, ...env } : { ...env },
  });
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
          stop: () =>
            new Promise((done) => {
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
