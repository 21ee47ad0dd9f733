// The real Python cent clients, as bench baselines and as the v6 mock's peer clients, each installed from PyPI into its own venv in
// the cache folder outside the repository (the one scripts/centrifugo.js uses), once; later runs
// reuse it. cent 1.1.0 (the program `cent` replaces, for the cli bench) declares its one
// dependency, six; cent 5.x (the Centrifugo v5/v6 HTTP API client, for the client-v6 bench)
// brings requests and pydantic. Both run on Python 3.11.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../../scripts/centrifugo.js';

export const PYTHON_CENT_VERSION = '1.1.0';
export const PYTHON_CENT5_VERSION = '5.2.0';

/**
 * A venv holding `cent==<version>`: `{ python, venv }`, or `{ why }` when it cannot be made here.
 * `ready` names a file the venv must have once installed (a console script, or its python).
 */
export function pythonVenv(version, ready = (venv) => path.join(venv, 'bin', 'python3')) {
  const venv = path.join(cacheDir(), `python-cent-${version}`);
  const python = path.join(venv, 'bin', 'python3');
  const marker = path.join(venv, '.installed');
  if (existsSync(marker) && existsSync(ready(venv))) return { python, venv };
  const python3 = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python3.error !== undefined || python3.status !== 0) return { why: 'no python3 on PATH' };
  mkdirSync(path.dirname(venv), { recursive: true });
  const step = (args, what) => {
    const run = spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
    return run.status === 0
      ? undefined
      : `${what} failed: ${(run.stderr || run.stdout || String(run.error)).trim().split('\n').at(-1)}`;
  };
  const why =
    step(['python3', '-m', 'venv', venv], 'python3 -m venv') ??
    step(
      [python, '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `cent==${version}`],
      `pip install cent==${version}`,
    ) ??
    step(['touch', marker], 'marking the venv');
  if (why !== undefined || !existsSync(ready(venv))) {
    rmSync(venv, { recursive: true, force: true });
    return { why: why ?? `the venv has no ${path.basename(ready(venv))}` };
  }
  return { python, venv };
}

/** cent 1.1.0: `{ cent, python }` (paths of the console script and the venv's python), or `{ why }`. */
export function pythonCent() {
  const made = pythonVenv(PYTHON_CENT_VERSION, (venv) => path.join(venv, 'bin', 'cent'));
  return made.why !== undefined ? made : { cent: path.join(made.venv, 'bin', 'cent'), python: made.python };
}
