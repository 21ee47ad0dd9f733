/**
 * Reads a Centrifugo v6 config file the way the server's `-c` does: the format comes from the
 * extension (`.json`, `.yaml`/`.yml`, `.toml`; viper's SetConfigFile), and a file that does not
 * parse stops the server with `error reading config file <path>: While parsing config: …`
 * (for JSON with Go's own syntax error text).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type * as Toml from 'smol-toml';
import type * as Yaml from 'yaml';
import { checkJson } from '../../json/scan.js';
import { lazyModule } from '../../lazy-module.js';
import { CentrifugoConfigError } from './config-error.js';
import type { CentrifugoV6Config } from './types.js';

export type ConfigFormat = 'json' | 'yaml' | 'toml';

const yaml = lazyModule<typeof Yaml>('yaml');
const toml = lazyModule<typeof Toml>('smol-toml');

export function configFormatOf(path: string): ConfigFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.toml') return 'toml';
  if (ext === '.json') return 'json';
  throw new CentrifugoConfigError('unsupported_config_type', path, {
    level: 'fatal',
    error: `error reading config file ${path}: Unsupported Config Type "${ext.replace(/^\./, '')}"`,
    message: 'error getting config',
  });
}

export async function loadConfigFileV6(path: string): Promise<CentrifugoV6Config> {
  const format = configFormatOf(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CentrifugoConfigError('config_not_readable', path, {
      level: 'fatal',
      error: `error reading config file ${path}: ${(err as Error).message}`,
      message: 'error getting config',
    });
  }
  return parseConfigTextV6(text, format, path);
}

export function parseConfigTextV6(text: string, format: ConfigFormat, path = `config.${format}`): CentrifugoV6Config {
  let value: unknown;
  try {
    value = parseAs(text, format);
  } catch (err) {
    throw new CentrifugoConfigError('config_not_parsed', path, {
      level: 'fatal',
      error: `error reading config file ${path}: While parsing config: ${(err as Error).message}`,
      message: 'error getting config',
    });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CentrifugoConfigError('config_not_parsed', path, {
      level: 'fatal',
      error: `error reading config file ${path}: While parsing config: not a map of keys`,
      message: 'error getting config',
    });
  }
  return value as CentrifugoV6Config;
}

function parseAs(text: string, format: ConfigFormat): unknown {
  switch (format) {
    case 'json': {
      const problem = checkJson(text);
      if (problem !== undefined) throw new Error(problem.message);
      return JSON.parse(text) as unknown;
    }
    case 'yaml':
      return yaml().parse(text) as unknown;
    case 'toml':
      return toml().parse(text) as unknown;
  }
}
