import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE } from '../config/config-types.js';
import { displayPath, loadConfig } from '../config/load-config.js';
import { packageFile } from '../package-dir.js';
import { CliUsageError } from './io.js';

/**
 * The protocols shipped inside the installed package (`schemas/<name>/`, listed in
 * `schemas/index.json` in the order of the config they were copied from; made by
 * `scripts/pack-schemas.js` when the package is packed).
 */
export const SHIPPED_SCHEMAS = `${packageFile('schemas')}${path.sep}`;

export interface ProtocolChoice {
  readonly schema?: string | undefined;
  readonly protocol?: string | undefined;
  readonly config?: string | undefined;
}

/**
 * Which schema folder a command works on: `--schema DIR`; else the protocol named `--protocol`
 * among those of the config (`--config`, or `./centkit.config.json` when there is one), then
 * those shipped with the package; without `--protocol`, the first of them.
 */
export async function pickProtocol(choice: ProtocolChoice, cwd: string): Promise<string> {
  if (choice.schema !== undefined) {
    if (choice.protocol !== undefined || choice.config !== undefined)
      throw new CliUsageError('give either --schema DIR or --protocol NAME (with --config FILE), not both');
    return path.resolve(cwd, choice.schema);
  }
  const listed: { name: string; dir: string }[] = [];
  const configFile = path.resolve(cwd, choice.config ?? CONFIG_FILE);
  if (choice.config !== undefined || existsSync(configFile)) {
    const config = await loadConfig(configFile, displayPath(configFile, cwd));
    listed.push(
      ...config.protocols.map((p) => ({
        name: p.name ?? path.basename(p.schema),
        dir: path.resolve(path.dirname(configFile), p.schema),
      })),
    );
  }
  const index = await readFile(path.join(SHIPPED_SCHEMAS, 'index.json'), 'utf8').catch(() => undefined);
  const shipped = index === undefined ? [] : (JSON.parse(index) as { protocols: string[] }).protocols;
  listed.push(
    ...shipped
      .filter((name) => !listed.some((p) => p.name === name))
      .map((name) => ({ name, dir: path.join(SHIPPED_SCHEMAS, name) })),
  );
  const found = choice.protocol === undefined ? listed[0] : listed.find((p) => p.name === choice.protocol);
  if (found !== undefined) return found.dir;
  if (listed.length === 0)
    throw new CliUsageError(`no ${CONFIG_FILE} here and no protocols shipped with this package: give --schema DIR`);
  throw new CliUsageError(
    `no protocol "${choice.protocol ?? ''}" in the config or shipped with centkit (protocols: ${listed.map((p) => p.name).join(', ')})`,
  );
}
