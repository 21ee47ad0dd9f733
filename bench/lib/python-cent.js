// The real Python cent from PyPI, installed into a venv in the cache folder outside the
// repository (the one scripts/centrifugo.js uses), once per version; later runs reuse it.
// cent 1.1.0 (the program `cent` replaces) is the cli bench's baseline; cent 5.x (the client of
// Centrifugo v5/v6's API) is a peer client of the v6 mock's tests. Both run on Python 3.11.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../../scripts/centrifugo.js';

export const PYTHON_CENT_VERSION = '1.1.0';
export const PYTHON_CENT5_VERSION = '5.2.0';

/**
 * `{ cent, python }` (paths of the console script, which cent 5 has not, and the venv's python)
 * for `cent==version`, or `{ why }` when it cannot be installed here.
 */
export function pythonCent(version = PYTHON_CENT_VERSION) {
  const venv = path.join(cacheDir(), `python-cent-${version}`);
  const cent = path.join(venv, 'bin', 'cent');
  const python = path.join(venv, 'bin', 'python3');
  const installed = () => existsSync(python) && spawnSync(python, ['-c', 'import cent'], { encoding: 'utf8' }).status === 0;
  if (installed()) return { cent, python };
  const python3 = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python3.error !== undefined || python3.status !== 0) return { why: 'no python3 on PATH' };
  mkdirSync(path.dirname(venv), { recursive: true });
  const step = (args, what) => {
    const run = spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
    return run.status === 0 ? undefined : `${what} failed: ${(run.stderr || run.stdout || String(run.error)).trim().split('\n').at(-1)}`;
  };
  const why = step(['python3', '-m', 'venv', venv], 'python3 -m venv')
    ?? step([python, '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `cent==${version}`], `pip install cent==${version}`);
  if (why !== undefined || !installed()) {
    rmSync(venv, { recursive: true, force: true });
    return { why: why ?? 'the venv cannot import cent' };
  }
  return { cent, python };
}
