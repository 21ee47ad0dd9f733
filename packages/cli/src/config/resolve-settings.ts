/**
 * Where the server address, secret and timeout come from: a flag, else an environment
 * variable, else the named section of the config file (with `[DEFAULT]`), else (timeout only)
 * the default of 2 seconds. Each setting remembers its source, for `--verbose` and for errors.
 */
import { buildApiUrl } from '@centkit/client';
import type { CommonOptions } from '../args.js';
import { CliError, configError, usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { DEFAULT_CONFIG, pickSection, readCentrc, type CentrcSection } from './read-centrc.js';

export const DEFAULT_TIMEOUT_SECONDS = 2;
/** A day: far beyond any reply, and well inside what a Node timer can wait. */
export const MAX_TIMEOUT_SECONDS = 86_400;

export interface Setting<T> {
  readonly value: T;
  /** `--address`, `CENT_ADDRESS`, `[local] of ~/.centrc`, `default`. */
  readonly source: string;
}

export interface Settings {
  readonly address: Setting<string>;
  /** The API URL requests go to, credentials redacted (for messages). */
  readonly apiUrl: string;
  readonly secret: Setting<string>;
  /** Seconds. */
  readonly timeout: Setting<number>;
}

type Key = 'address' | 'secret' | 'timeout';
const ENV: Record<Key, string> = { address: 'CENT_ADDRESS', secret: 'CENT_SECRET', timeout: 'CENT_TIMEOUT' };

export async function resolveSettings(
  sectionName: string | undefined,
  options: CommonOptions,
  io: CliIo,
): Promise<Settings> {
  const section =
    sectionName === undefined
      ? undefined
      : await openSection(sectionName, options.config ?? DEFAULT_CONFIG, io.homedir);
  const lookup = (key: Key): Setting<string> | undefined => {
    const flag = options[key];
    if (flag !== undefined) return { value: flag, source: `--${key}` };
    const env = io.env[ENV[key]];
    if (env !== undefined && env !== '') return { value: env, source: ENV[key] };
    const value = section?.get(key);
    return value === undefined || section === undefined ? undefined : { value, source: section.label };
  };
  const address = lookup('address') ?? missing('address', section);
  const secret = lookup('secret') ?? missing('secret', section);
  const timeoutText = lookup('timeout');
  const timeout =
    timeoutText === undefined
      ? { value: DEFAULT_TIMEOUT_SECONDS, source: 'default' }
      : { value: parseTimeout(timeoutText), source: timeoutText.source };
  return { address, apiUrl: apiUrlOf(address), secret, timeout };
}

async function openSection(name: string, shown: string, home: string | undefined): Promise<CentrcSection> {
  const file = await readCentrc(shown, home);
  if (file === undefined) {
    throw configError(
      `config file ${shown} does not exist, so section [${name}] cannot be read`,
      `Create it with a [${name}] section (address = ..., secret = ...), or drop SECTION and pass --address and --secret (or set CENT_ADDRESS and CENT_SECRET).`,
    );
  }
  return pickSection(file, name, shown);
}

function missing(key: 'address' | 'secret', section: CentrcSection | undefined): never {
  if (section !== undefined) {
    throw configError(
      `${section.label} has no ${key}`,
      `Add "${key} = ..." to that section (or to [DEFAULT]), set ${ENV[key]}, or pass --${key}.`,
    );
  }
  const example = key === 'address' ? '--address http://localhost:8000' : '--secret ...';
  throw configError(
    `no server ${key} given`,
    `Pass ${example} or set ${ENV[key]}, or name a section of ~/.centrc: cent SECTION METHOD.`,
  );
}

function parseTimeout(setting: Setting<string>): number {
  const text = setting.value.trim();
  const seconds = Number(text);
  if (/^(\d+(\.\d*)?|\.\d+)$/.test(text) && seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS) return seconds;
  // The value is not shown: whatever is in a setting may be the secret, typed in the wrong place.
  const problem = `the timeout from ${setting.source} is not a positive number of seconds up to ${MAX_TIMEOUT_SECONDS}`;
  const fix = 'Give seconds, e.g. 5 or 0.5.';
  throw setting.source.startsWith('--') ? usageError(problem, fix) : configError(problem, fix);
}

function apiUrlOf(address: Setting<string>): string {
  try {
    const url = buildApiUrl(address.value);
    if (url.username !== '' || url.password !== '') {
      url.username = '***';
      url.password = '';
    }
    return url.href;
  } catch {
    // Not shown: it may be the secret, typed in the wrong place.
    const problem = `the address from ${address.source} is not an http:// or https:// URL`;
    const fix = "Give the server's base URL, e.g. http://localhost:8000.";
    throw address.source === '--address' ? usageError(problem, fix) : new CliError('config', problem, fix);
  }
}
