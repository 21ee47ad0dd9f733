/**
 * `centkit-mock`: run the fake Centrifugo from a shell.
 *   centkit-mock --port 8000 --config centrifugo.json [--secret S] [--address A] [--insecure_api] [--strict]
 *                [--redis_url redis://127.0.0.1:6379] [--redis_api_num_shards N] [--verbose]
 * Reads Centrifugo 1.x's own config file (JSON or YAML). Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { loadConfigFile } from './config/load-config.js';
import type { CentrifugoConfig } from './config/types.js';
import { MockError } from './errors.js';
import { createConsoleLogger } from './logger.js';
import { startMockCentrifugo, type MockCentrifugo } from './mock.js';

const USAGE = `usage: centkit-mock [--port 8000] [--address 127.0.0.1] [--config centrifugo.json] [--secret SECRET]
                    [--insecure_api] [--strict] [--redis_url URL] [--redis_api_num_shards N] [--verbose]`;

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', short: 'p', default: '8000' },
      address: { type: 'string', short: 'a', default: '127.0.0.1' },
      config: { type: 'string', short: 'c' },
      secret: { type: 'string', short: 's' },
      insecure_api: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      redis_url: { type: 'string' },
      redis_api_num_shards: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new MockError('invalid_port', `--port must be 0-65535, got ${values.port}`);
  let config: CentrifugoConfig = values.config === undefined ? {} : await loadConfigFile(values.config);
  if (values.secret !== undefined) config = { ...config, secret: values.secret };
  if (values.insecure_api) config = { ...config, insecure_api: true };
  const logger = createConsoleLogger(values.verbose);
  const redisUrl = values.redis_url ?? (config.redis_api === true ? (config.redis_url ?? 'redis://127.0.0.1:6379') : undefined);
  const shards = values.redis_api_num_shards === undefined ? undefined : Number(values.redis_api_num_shards);
  // Signals are taken from here on: one that comes while starting ends the start.
  let mock: MockCentrifugo | undefined;
  const stop = () => {
    if (mock === undefined) process.exit(0);
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  mock = await startMockCentrifugo({
    config,
    port,
    host: values.address,
    strict: values.strict,
    logger,
    ...(redisUrl === undefined ? {} : { redis: { url: redisUrl, ...(shards === undefined ? {} : { numShards: shards }) } }),
  });
  process.stdout.write(`centkit-mock: Centrifugo 1.8.0 API at ${mock.apiUrl} (control API at ${mock.url}/_mock/)\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message = err instanceof MockError || (err instanceof Error && err.name === 'TypeError') ? err.message : String(err);
  process.stderr.write(`centkit-mock: ${message}\n${err instanceof MockError ? '' : `${USAGE}\n`}`);
  process.exit(1);
});
