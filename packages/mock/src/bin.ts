/**
 * `centkit-mock`: run the fake Centrifugo from a shell.
 *   centkit-mock --port 8000 --config centrifugo.json [--secret S] [--address A] [--insecure_api] [--strict]
 *                [--redis_url redis://127.0.0.1:6379] [--redis_api_num_shards N] [--verbose]
 * Reads Centrifugo 1.x's own config file (JSON or YAML). Stops on SIGINT/SIGTERM.
 * `--protocol v6` runs the Centrifugo v6 mock instead (`v6/bin.ts`, loaded only then).
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { VERSION } from './api/methods/node-info.js';
import { loadConfigFile } from './config/load-config.js';
import type { CentrifugoConfig } from './config/types.js';
import { MockError } from './errors.js';
import { createConsoleLogger } from './logger.js';
import { startMockCentrifugo, type MockCentrifugo } from './mock.js';

const USAGE = `usage: centkit-mock [options]

A fake Centrifugo 1.8.0 server API for tests, with a control API under /_mock/.

options:
  -p, --port N                 port to listen on (default 8000; 0: a free one)
  -a, --address ADDR           address to listen on (default 127.0.0.1; 0.0.0.0 for other hosts)
  -c, --config FILE            Centrifugo 1.x config file, JSON or YAML
  -s, --secret SECRET          API secret (overrides the config's)
      --insecure_api           accept API requests without a sign
      --strict                 record requests the real server would refuse (GET /_mock/violations)
      --redis_url URL          consume the Redis API queues at URL
      --redis_api_num_shards N also consume centrifugo.api.0 .. N-1
  -v, --verbose                log one line per request (never a secret)
      --protocol v1|v6         the server API to fake (default v1; --protocol v6 --help for v6's options)
  -h, --help                   this help
      --version                the version`;

/** The protocol asked for (`--protocol X` or `--protocol=X`), and the other arguments. */
function protocolOf(argv: readonly string[]): { protocol: string; rest: string[] } {
  const rest: string[] = [];
  let protocol = 'v1';
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] as string;
    if (a === '--protocol') protocol = argv[(i += 1)] ?? '';
    else if (a.startsWith('--protocol=')) protocol = a.slice('--protocol='.length);
    else rest.push(a);
  }
  return { protocol, rest };
}

async function main(all: readonly string[]): Promise<void> {
  const { protocol, rest: argv } = protocolOf(all);
  if (protocol === 'v6' || protocol === '6') return (await import('./v6/bin.js')).mainV6(argv);
  if (protocol !== 'v1' && protocol !== '1')
    throw new MockError('invalid_protocol', `--protocol must be v1 or v6, got ${JSON.stringify(protocol)}`);
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
      version: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.version) {
    // By the package's own name, not a path relative to this file: this code also runs from a bundle.
    const manifest = createRequire(import.meta.url)('@centkit/mock/package.json') as { version?: unknown };
    process.stdout.write(`centkit-mock ${String(manifest.version)} (Centrifugo ${VERSION} server API)\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535)
    throw new MockError('invalid_port', `--port must be 0-65535, got ${values.port}`);
  let config: CentrifugoConfig = values.config === undefined ? {} : await loadConfigFile(values.config);
  if (values.secret !== undefined) config = { ...config, secret: values.secret };
  if (values.insecure_api) config = { ...config, insecure_api: true };
  const logger = createConsoleLogger(values.verbose);
  const redisUrl =
    values.redis_url ?? (config.redis_api === true ? (config.redis_url ?? 'redis://127.0.0.1:6379') : undefined);
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
    logRequests: values.verbose,
    ...(redisUrl === undefined
      ? {}
      : { redis: { url: redisUrl, ...(shards === undefined ? {} : { numShards: shards }) } }),
  });
  process.stdout.write(`centkit-mock: Centrifugo 1.8.0 API at ${mock.apiUrl} (control API at ${mock.url}/_mock/)\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message =
    err instanceof MockError || (err instanceof Error && err.name === 'TypeError') ? err.message : String(err);
  process.stderr.write(
    `centkit-mock: ${message}\n${err instanceof MockError ? '' : 'centkit-mock --help lists the options\n'}`,
  );
  process.exit(1);
});
