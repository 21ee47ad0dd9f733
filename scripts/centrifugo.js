#!/usr/bin/env node
// The real Centrifugo v6.9.1, the judge of everything v6 in this repository. `go install` builds
// it into a cache folder outside the repository on first use (about 2 minutes, from the Go module
// proxy); every later run reuses that binary. Tests, benches and the golden recorder find it with
// `centrifugoPath()`; `.ci/run` runs this file to install it before `npm test`.
//
//   node scripts/centrifugo.js            install if missing, print the binary's path
//   node scripts/centrifugo.js --path     print where the binary is (or would be), install nothing
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CENTRIFUGO_VERSION = '6.9.1';
const MODULE = 'github.com/centrifugal/centrifugo/v6';
// A plain `go install` leaves build.Version at "0.0.0"; release builds set it, and it shows on the
// wire (`info` → "6.9.1 OSS", the websocket connect reply), so set it as the release does.
const LDFLAGS = `-X ${MODULE}/internal/build.Version=${CENTRIFUGO_VERSION}`;

/** The cache folder: `$CENTKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/centkit`, else `~/.cache/centkit`. */
export function cacheDir() {
  const own = process.env['CENTKIT_CACHE_DIR'];
  if (own) return own;
  const xdg = process.env['XDG_CACHE_HOME'];
  return path.join(xdg ? xdg : path.join(os.homedir(), '.cache'), 'centkit');
}

/** Where the binary is, or would be once installed (`$CENTKIT_CENTRIFUGO` overrides it). */
export function centrifugoPath() {
  return process.env['CENTKIT_CENTRIFUGO'] || path.join(cacheDir(), `centrifugo-v${CENTRIFUGO_VERSION}`, 'centrifugo');
}

/** Whether the binary is there. */
export function centrifugoInstalled() {
  return existsSync(centrifugoPath());
}

/** What `go version` prints (`go version go1.26.0 linux/amd64`), or undefined when Go cannot run here. */
export function goVersion(env = process.env) {
  const go = spawnSync('go', ['version'], { encoding: 'utf8', env });
  if (go.error !== undefined || go.status !== 0) return undefined;
  return go.stdout.trim();
}

/** Why the binary cannot be installed here (no Go toolchain), or undefined when it can. */
export function cannotInstall(env = process.env) {
  return goVersion(env) === undefined ? 'no Go toolchain (`go version` does not run: `go` is not on PATH)' : undefined;
}

/**
 * Installs the binary when it is missing and returns its path. Builds into a temporary folder
 * next to the final one and renames, so an interrupted build never leaves a half-written binary.
 */
export function installCentrifugo({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const target = centrifugoPath();
  if (existsSync(target)) return target;
  const why = cannotInstall();
  if (why !== undefined) throw new Error(`cannot install Centrifugo v${CENTRIFUGO_VERSION}: ${why}`);
  const dir = path.dirname(target);
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(path.join(dir, '.install-'));
  log(`centrifugo: installing v${CENTRIFUGO_VERSION} with go install into ${dir} (first use only)`);
  try {
    const result = spawnSync('go', ['install', `-ldflags=${LDFLAGS}`, `${MODULE}@v${CENTRIFUGO_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOBIN: staging },
    });
    if (result.status !== 0)
      throw new Error(`go install ${MODULE}@v${CENTRIFUGO_VERSION} failed (exit ${String(result.status)})`);
    renameSync(path.join(staging, 'centrifugo'), target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--path')) process.stdout.write(`${centrifugoPath()}\n`);
    else process.stdout.write(`${installCentrifugo()}\n`);
  } catch (error) {
    process.stderr.write(`centrifugo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
