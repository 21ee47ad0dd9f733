/**
 * `~/.centrc` (or `--config FILE`): read, parsed as Python's configparser would, and one
 * section picked. Errors name the file as it was typed (`~/.centrc`, as cent printed it) and
 * never show a value or a line of it: any of them may be the secret.
 */
import path from 'node:path';
import { configError } from '../errors.js';
import { CONFIG_WAIT_MS, MAX_CONFIG_BYTES } from '../input/limits.js';
import { InputError, readFileBounded } from '../input/read-bounded.js';
import { getOption, InterpolationError } from './interpolate.js';
import { DEFAULT_SECTION, IniSyntaxError, parseIni, type IniFile } from './parse-ini.js';

export const DEFAULT_CONFIG = '~/.centrc';

/** One section of a config file, with interpolated lookups. */
export interface CentrcSection {
  /** `[local] of ~/.centrc` */
  readonly label: string;
  /** The interpolated value, or undefined when neither the section nor `[DEFAULT]` has it. */
  get(option: string): string | undefined;
}

/**
 * `~` and `~/x` expanded with `home` (Python's `os.path.expanduser`, for the current user).
 * With no home folder, `~` cannot be expanded: an error, never a path relative to the working
 * directory.
 */
export function expandHome(file: string, home: string | undefined): string {
  if (file !== '~' && !file.startsWith('~/')) return file;
  if (home === undefined) {
    throw configError(
      `cannot find ${file}: there is no home folder (HOME is empty or not an absolute path)`,
      'Set HOME, or give the file with --config PATH.',
    );
  }
  return file === '~' ? home : path.join(home, file.slice(2));
}

/** The parsed file, or undefined when it does not exist. Other failures throw a config error. */
export async function readCentrc(shown: string, home: string | undefined): Promise<IniFile | undefined> {
  let bytes: Buffer | undefined;
  try {
    bytes = await readFileBounded(expandHome(shown, home), MAX_CONFIG_BYTES, CONFIG_WAIT_MS);
  } catch (error) {
    if (error instanceof InputError) throw readError(error, shown);
    throw error;
  }
  if (bytes === undefined) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw configError(`config file ${shown} is not UTF-8 text`, 'Save it as UTF-8.');
  }
  try {
    return parseIni(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    if (error instanceof IniSyntaxError) throw syntaxError(error, shown);
    throw error;
  }
}

/** The section `name` of a file (`[DEFAULT]` is never one, as in cent). */
export function pickSection(file: IniFile, name: string, shown: string): CentrcSection {
  if (name === DEFAULT_SECTION || !file.sections.has(name)) {
    const known = [...file.sections.keys()];
    const list = known.length === 0 ? 'it has no sections' : `its sections: ${known.join(', ')}`;
    throw configError(
      `section [${name}] not found in ${shown} (${list})`,
      `Add a [${name}] section with address and secret, or name an existing one.`,
    );
  }
  const label = `[${name}] of ${shown}`;
  return {
    label,
    get(option) {
      try {
        return getOption(file, name, option);
      } catch (error) {
        if (error instanceof InterpolationError) throw interpolationError(error, label);
        throw error;
      }
    },
  };
}

function readError(error: InputError, shown: string): Error {
  switch (error.problem) {
    case 'directory':
      return configError(`config file ${shown} is a directory`, 'Point --config at a file.');
    case 'terminal':
      return configError(`config file ${shown} is a terminal`, 'Point --config at a file.');
    case 'too-large':
      return configError(
        `config file ${shown} is larger than ${error.limit >> 20} MiB, which no .centrc is`,
        'Point --config at the INI file with the sections.',
      );
    case 'no-writer':
      return configError(
        `config file ${shown} is a pipe that nothing wrote to and closed within ${error.limit / 1000} s`,
        'Write the config into it, or give a regular file.',
      );
    case 'unreadable':
      if (error.code === 'EACCES' || error.code === 'EPERM')
        return configError(`cannot read config file ${shown}: permission denied`, "Check the file's permissions.");
      return configError(`cannot read config file ${shown} (${error.code})`, 'Check the path given to --config.');
    default: {
      const never: never = error.problem;
      return never;
    }
  }
}

function syntaxError(error: IniSyntaxError, shown: string): Error {
  const where = `${shown} line ${error.line}`;
  switch (error.problem) {
    case 'no-section-header':
      return configError(
        `${where}: an option before any [section] header`,
        'Start the file with a section, e.g. [local], then address = ... and secret = ... under it.',
      );
    case 'duplicate-section':
      return configError(
        `${where}: section [${error.section ?? ''}] appears twice`,
        'Merge the two sections or rename one.',
      );
    case 'duplicate-option':
      return configError(
        `${where}: option ${error.option ?? ''} appears twice in [${error.section ?? ''}]`,
        'Keep one of them.',
      );
    case 'bad-line':
      return configError(
        `${where}: not an option (no "=" or ":") nor a [section] header`,
        'Write options as name = value; indent a line to continue the value above.',
      );
    default: {
      const never: never = error.problem;
      return never;
    }
  }
}

function interpolationError(error: InterpolationError, label: string): Error {
  const what = `${error.option} in ${label}`;
  switch (error.problem) {
    case 'lone-percent':
      return configError(
        `${what} has a "%" that is not followed by "%" or "(name)s"`,
        "Write %% for a literal % (the file is read with Python configparser's interpolation, as cent did).",
      );
    case 'bad-reference':
      return configError(
        `${what} has a malformed "%(" reference`,
        "Write %(name)s to use another option's value, or %% for a literal %.",
      );
    case 'missing-reference':
      // The name referred to is part of the value: not shown.
      return configError(
        `${what} refers with %(name)s to an option that is neither in that section nor in [DEFAULT]`,
        'Define that option, or write %% for a literal %.',
      );
    case 'too-deep':
      return configError(
        `${what} nests %(name)s references more than 10 deep (a loop?)`,
        'Remove the cycle between the options.',
      );
    default: {
      const never: never = error.problem;
      return never;
    }
  }
}
