import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageFile } from '../package-dir.js';
import { createCheckingAjv, toProblems } from '../validate/ajv-instance.js';
import { sortProblems } from '../validate/problem.js';
import { ConfigError } from './config-error.js';
import type { CentkitConfig } from './config-types.js';

let configSchema: Promise<object> | undefined;

/** The config's JSON schema, shipped beside the package (`centkit.config.schema.json`). */
export function readConfigSchema(): Promise<object> {
  configSchema ??= readFile(packageFile('centkit.config.schema.json'), 'utf8').then(
    (text) => JSON.parse(text) as object,
  );
  return configSchema;
}

/**
 * Reads a config file and checks it against its JSON schema. Every problem names `display`
 * (the file as the user named it) and a JSON pointer; all of them are reported at once.
 */
export async function loadConfig(file: string, display: string): Promise<CentkitConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(display, [
      {
        code: 'file-unreadable',
        file: display,
        path: '',
        message: missing ? 'file not found' : `cannot read: ${String(error)}`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(display, [
      { code: 'json-invalid', file: display, path: '', message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const ajv = createCheckingAjv();
  if (!ajv.validate(await readConfigSchema(), json))
    throw new ConfigError(display, sortProblems(toProblems(ajv.errors, display, 'config-invalid')));
  return json as CentkitConfig;
}

/** How a file is named in messages: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? file
    : relative.split(path.sep).join('/');
}
