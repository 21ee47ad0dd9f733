/** Reads a Centrifugo config file: JSON, or YAML (`.yaml`/`.yml`). TOML is not supported. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { MockConfigError } from '../errors.js';
import { checkJson } from '../json/scan.js';
import type { CentrifugoConfig } from './types.js';

export async function loadConfigFile(path: string): Promise<CentrifugoConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new MockConfigError(
      'unreadable_file',
      path,
      `cannot read the config file (${(cause as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause },
    );
  }
  return parseConfigText(text, extname(path).toLowerCase(), path);
}

/** Parses config text; `ext` picks the format (`.json`, `.yaml`, `.yml`; anything else: JSON, then YAML). */
export function parseConfigText(text: string, ext: string, source = '(config)'): CentrifugoConfig {
  if (ext === '.toml')
    throw new MockConfigError(
      'unsupported_format',
      source,
      'TOML configs are not supported by the mock; use JSON or YAML',
    );
  let value: unknown;
  if (ext === '.yaml' || ext === '.yml') value = yaml(text, source);
  else {
    try {
      value = JSON.parse(text);
    } catch {
      // The parser's own message quotes the text around the error, which may hold the secret.
      if (ext === '.json')
        throw new MockConfigError(
          'invalid_json',
          source,
          `is not valid JSON (${checkJson(text)?.message ?? 'syntax error'} at offset ${checkJson(text)?.offset ?? 0})`,
        );
      value = yaml(text, source);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MockConfigError('invalid_type', source, 'must hold an object at the top level');
  }
  return value as CentrifugoConfig;
}

// The YAML parser is loaded on first use: most configs are JSON, and loading it costs ~25 ms
// of every start. Its node entry is CommonJS, so a plain require (which keeps it once loaded)
// keeps this function sync.
function yaml(text: string, source: string): unknown {
  const yamlModule = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  try {
    return yamlModule.parse(text, { maxAliasCount: 100 });
  } catch (cause) {
    // Only the position: the YAML parser's message quotes the offending line.
    const pos = (cause as { linePos?: readonly { line: number; col: number }[] }).linePos?.[0];
    const code = (cause as { code?: string }).code ?? 'syntax error';
    throw new MockConfigError(
      'invalid_yaml',
      source,
      `is not valid YAML (${code}${pos ? ` at line ${pos.line}, column ${pos.col}` : ''})`,
    );
  }
}
