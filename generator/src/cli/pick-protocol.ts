import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE } from '../config/config-types.js';
import { displayPath, loadConfig } from '../config/load-config.js';
import { CliUsageError } from './io.js';

/**
 * The protocols shipped inside the installed package (`schemas/<name>/`, listed in
 * `schemas/index.json` in the order of the config they were copied from; made by
 * `scripts/pack-schemas.js` when the package is packed).
 */
export const SHIPPED_SCHEMAS = fileURLToPath(new URL('../../schemas/', import.meta.url));

export interface ProtocolChoice {
  readonly schema?: string | undefined;
  readonly protocol?: string | undefined;
  readonly config?: string | undefined;
}

/**
 * Which schema folder a command works on: `--schema DIR`; else the protocol named `--protocol`
 * (default: the first listed) of the config (`--config`, or `./centkit.config.json` when there
 * is one); else of the protocols shipped with the package.
 */
export async function pickProtocol(choice: ProtocolChoice, cwd: string): Promise<string> {
  if (choice.schema !== undefined) {
    if (choice.protocol !== undefined || choice.config !== undefined) throw new CliUsageError('give either --schema DIR or --protocol NAME (with --config FILE), not both');
    return path.resolve(cwd, choice.schema);
  }
  const configFile = path.resolve(cwd, choice.config ?? CONFIG_FILE);
  if (choice.config !== undefined || existsSync(configFile)) {
    const config = await loadConfig(configFile, displayPath(configFile, cwd));
    const listed = config.protocols.map((p) => ({ name: p.name ?? path.basename(p.schema), dir: path.resolve(path.dirname(configFile), p.schema) }));
    return choose(listed, choice.protocol, `the config ${displayPath(configFile, cwd)}`);
  }
  const index = await readFile(path.join(SHIPPED_SCHEMAS, 'index.json'), 'utf8').catch(() => undefined);
  if (index === undefined) throw new CliUsageError(`no ${CONFIG_FILE} here and no protocols shipped with this package: give --schema DIR`);
  const names = (JSON.parse(index) as { protocols: string[] }).protocols;
  return choose(names.map((name) => ({ name, dir: path.join(SHIPPED_SCHEMAS, name) })), choice.protocol, 'the protocols shipped with centkit');
}

function choose(listed: readonly { name: string; dir: string }[], wanted: string | undefined, where: string): string {
  const found = wanted === undefined ? listed[0] : listed.find((p) => p.name === wanted);
  if (found !== undefined) return found.dir;
  throw new CliUsageError(`no protocol "${wanted ?? ''}" in ${where} (protocols: ${listed.map((p) => p.name).join(', ') || 'none'})`);
}
