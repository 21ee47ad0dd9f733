/**
 * `centkit-mock --protocol v6`: the fake Centrifugo v6 server API from a shell, configured with
 * Centrifugo v6's own config file (JSON, YAML or TOML, by extension). Port and address come from
 * the options, else the config's `http_server`, else 8000 and 127.0.0.1. A config the real server
 * refuses stops it with the server's own message. Stops on SIGINT/SIGTERM.
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { MockError } from '../errors.js';
import { createConsoleLogger } from '../logger.js';
import { loadConfigFileV6 } from './config/load-config.js';
import type { CentrifugoV6Config } from './config/types.js';
import { VERSION } from './methods/node-info.js';
import { startMockCentrifugoV6 } from './mock.js';
import type { MockCentrifugoV6 } from './mock-types.js';

export const USAGE_V6 = `usage: centkit-mock --protocol v6 [options]

A fake Centrifugo v6 server API and websocket client protocol for tests, with a control API under /_mock/.

options:
  -c, --config FILE            Centrifugo v6 config file: .json, .yaml/.yml or .toml
  -p, --port N                 port to listen on (default: the config's http_server.port, else 8000; 0: a free one)
  -a, --address ADDR           address to listen on (default: the config's http_server.address, else 127.0.0.1)
      --http_api.insecure      accept API requests without a key
      --strict                 record requests the real server would refuse (GET /_mock/violations)
  -v, --verbose                log one line per request (never a key)
  -h, --help                   this help
      --version                the version`;

export async function mainV6(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      address: { type: 'string', short: 'a' },
      'http_api.insecure': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return void process.stdout.write(`${USAGE_V6}\n`);
  if (values.version) {
    const manifest = createRequire(import.meta.url)('@centkit/mock/package.json') as { version?: unknown };
    return void process.stdout.write(`centkit-mock ${String(manifest.version)} (Centrifugo ${VERSION} server API)\n`);
  }
  let config: CentrifugoV6Config = values.config === undefined ? {} : await loadConfigFileV6(values.config);
  if (values['http_api.insecure'])
    config = { ...config, http_api: { ...(config['http_api'] as object | undefined), insecure: true } };
  const server = (config['http_server'] ?? {}) as { port?: unknown; address?: unknown };
  const portText = values.port ?? (server.port === undefined || server.port === '' ? '8000' : String(server.port));
  const port = Number(portText);
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535)
    throw new MockError('invalid_port', `--port must be 0-65535, got ${portText}`);
  const host =
    values.address ?? (typeof server.address === 'string' && server.address !== '' ? server.address : '127.0.0.1');
  const logger = createConsoleLogger(values.verbose);
  let mock: MockCentrifugoV6 | undefined;
  const stop = () => {
    if (mock === undefined) process.exit(0);
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  mock = await startMockCentrifugoV6({
    config,
    port,
    host,
    strict: values.strict,
    logger,
    logRequests: values.verbose,
  });
  process.stdout.write(
    `centkit-mock: Centrifugo ${VERSION} API at ${mock.apiUrl}/<method>, websocket clients at ${mock.wsUrl} (control API at ${mock.url}/_mock/)\n`,
  );
}
