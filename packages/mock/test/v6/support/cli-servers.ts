/**
 * The same command line run as `centkit-mock --protocol v6` and as the real Centrifugo v6.9.1
 * binary, to see where each listens: each is started in the config file's folder (the real one
 * loads a `.env` it finds in its working directory), without CENTRIFUGO_* variables, and is
 * ready once it says where it serves; `reachable` tells which loopback addresses answer on a port.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { centrifugoPath } from '../../../../../scripts/centrifugo.js';
import { cleanEnv } from '../../../../../test/support/centrifugo-v6.js';

const bin = fileURLToPath(new URL('../../../bin/centkit-mock.js', import.meta.url));
const LOG_LIMIT = 64 * 1024;

export type CliServerKind = 'mock' | 'real';

export interface CliServer {
  /** What the server printed until it was ready (bounded). */
  readonly log: string;
  stop(): Promise<void>;
}

const READY: Record<CliServerKind, RegExp> = {
  mock: /API at http:\/\/\S+/,
  real: /serving websocket, api endpoints on \S+/,
};

/** Starts `kind` with `-c config` and `args`; rejects with its output when it exits first or is not ready in 15 s. */
export function startCliServer(kind: CliServerKind, config: string, args: readonly string[]): Promise<CliServer> {
  const [command, argv] =
    kind === 'mock'
      ? [process.execPath, [bin, '--protocol', 'v6', '-c', config, ...args]]
      : [centrifugoPath(), ['-c', config, ...args]];
  const child = spawn(command, argv, { cwd: dirname(config), env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => void stop().then(() => reject(new Error(`${kind}: not ready in 15 s:\n${out}`))),
      15_000,
    );
    const keep = (d: Buffer) => {
      out = (out + d.toString()).slice(-LOG_LIMIT);
      if (!READY[kind].test(out)) return;
      clearTimeout(timer);
      resolve({ log: out, stop });
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited during start-up:\n${out}`));
    });
  });
}

/** Whether a TCP connection to `host:port` is accepted. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
