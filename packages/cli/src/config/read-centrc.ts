/**
 * `~/.centrc` (or `--config FILE`): read, parsed as Python's configparser would, and one
 * section picked. Errors name the file as it was typed (`~/.centrc`, as cent printed it) and
 * never show a value or a line of it: any of them may be the secret.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { configError } from '../errors.js';
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

/** `~` and `~/x` expanded with `home` (Python's `os.path.expanduser`, for the current user). */
export function expandHome(file: string, home: string): string {
  if (file === '~') return home;
  if (file.startsWith('~/')) return path.join(home, file.slice(2));
  return file;
}

/** The parsed file, or undefined when it does not exist. Other failures throw a config error. */
export async function readCentrc(shown: string, home: string): Promise<IniFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(expandHome(shown, home));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'EISDIR') throw configError(`config file ${shown} is a directory`, 'Point --config at a file.');
    if (code === 'EACCES' || code === 'EPERM') throw configError(`cannot read config file ${shown}: permission denied`, 'Check the file\'s permissions.');
    throw configError(`cannot read config file ${shown} (${String(code)})`, 'Check the path given to --config.');
  }
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

function syntaxError(error: IniSyntaxError, shown: string): Error {
  const where = `${shown} line ${error.line}`;
  switch (error.problem) {
    case 'no-section-header':
      return configError(`${where}: an option before any [section] header`, 'Start the file with a section, e.g. [local], then address = ... and secret = ... under it.');
    case 'duplicate-section':
      return configError(`${where}: section [${error.section ?? ''}] appears twice`, 'Merge the two sections or rename one.');
    case 'duplicate-option':
      return configError(`${where}: option ${error.option ?? ''} appears twice in [${error.section ?? ''}]`, 'Keep one of them.');
    case 'bad-line':
      return configError(`${where}: not an option (no "=" or ":") nor a [section] header`, 'Write options as name = value; indent a line to continue the value above.');
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
      return configError(`${what} has a "%" that is not followed by "%" or "(name)s"`, 'Write %% for a literal % (the file is read with Python configparser\'s interpolation, as cent did).');
    case 'bad-reference':
      return configError(`${what} has a malformed "%(" reference`, 'Write %(name)s to use another option\'s value, or %% for a literal %.');
    case 'missing-reference':
      return configError(`${what} refers to %(${error.reference ?? ''})s, which is not an option of that section nor of [DEFAULT]`, 'Define that option, or write %% for a literal %.');
    case 'too-deep':
      return configError(`${what} nests %(name)s references more than 10 deep (a loop?)`, 'Remove the cycle between the options.');
    default: {
      const never: never = error.problem;
      return never;
    }
  }
}
