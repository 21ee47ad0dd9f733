// The real Python cent 1.1.0 (the program `cent` replaces), for the cli bench's baseline:
// installed from PyPI into a venv in the cache folder outside the repository (the one
// scripts/centrifugo.js uses), once; later runs reuse it. cent 1.1.0 declares its one
// dependency, six, which pip installs with it; it runs on Python 3.11.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../../scripts/centrifugo.js';

export const PYTHON_CENT_VERSION = '1.1.0';

/** `{ cent, python }` (paths of the console script and the venv's python), or `{ why }` when it cannot be installed here. */
export function pythonCent() {
  const venv = path.join(cacheDir(), `python-cent-${PYTHON_CENT_VERSION}`);
  const cent = path.join(venv, 'bin', 'cent');
  const python = path.join(venv, 'bin', 'python3');
  if (existsSync(cent)) return { cent, python };
  const python3 = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python3.error !== undefined || python3.status !== 0) return { why: 'no python3 on PATH' };
  mkdirSync(path.dirname(venv), { recursive: true });
  const step = (args, what) => {
    const run = spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
    return run.status === 0 ? undefined : `${what} failed: ${(run.stderr || run.stdout || String(run.error)).trim().split('\n').at(-1)}`;
  };
  const why = step(['python3', '-m', 'venv', venv], 'python3 -m venv')
    ?? step([python, '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `cent==${PYTHON_CENT_VERSION}`], `pip install cent==${PYTHON_CENT_VERSION}`);
  if (why !== undefined || !existsSync(cent)) {
    rmSync(venv, { recursive: true, force: true });
    return { why: why ?? 'the venv has no cent script' };
  }
  return { cent, python };
}
