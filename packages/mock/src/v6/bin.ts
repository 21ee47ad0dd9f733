/**
 * `centkit-mock --protocol v6`: the fake Centrifugo v6 server API from a shell, configured with
 * Centrifugo v6's own config file (JSON, YAML or TOML, by extension). Port and address come from
 * the options (the real server's `-p`/`-a` flags, by either name), else the config's
 * `http_server` as the server reads it (keys in any case; port 0 or "" is 8000), else 8000 and
 * 127.0.0.1 (the real server's default address is every interface). A config the real server
 * refuses stops it with the server's own message. Stops on SIGINT/SIGTERM.
 */
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { MockError } from '../errors.js';
import { createConsoleLogger } from '../logger.js';
import { loadConfigFileV6 } from './config/load-config.js';
import { parseConfigV6 } from './config/parse-config.js';
import { withValueAt } from './config/read-value.js';
import type { CentrifugoV6Config } from './config/types.js';
import { VERSION } from './methods/node-info.js';
import { startMockCentrifugoV6 } from './mock.js';
import type { MockCentrifugoV6 } from './mock-types.js';

export const USAGE_V6 = `usage: centkit-mock --protocol v6 [options]

A fake Centrifugo v6 server API and websocket client protocol for tests, with a control API under /_mock/.

options:
  -c, --config FILE            Centrifugo v6 config file: .json, .yaml/.yml or .toml
  -p, --port N                 port to listen on (default: the config's http_server.port, else 8000; 0: a free one)
                               (also --http_server.port, as the real server names it)
  -a, --address ADDR           address to listen on (default: the config's http_server.address, else 127.0.0.1)
                               (also --http_server.address)
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
      'http_server.port': { type: 'string' },
      'http_server.address': { type: 'string' },
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
  if (values['http_api.insecure']) config = withValueAt(config, 'http_api.insecure', true);
  const { httpServer } = parseConfigV6(config).config;
  const portText = values.port ?? values['http_server.port'] ?? String(httpServer.port);
  const port = Number(portText);
  if (portText.trim() === '' || !Number.isSafeInteger(port) || port < 0 || port > 65535)
    throw new MockError('invalid_port', `--port must be 0-65535, got ${portText}`);
  const host =
    values.address ?? values['http_server.address'] ?? (httpServer.address === '' ? '127.0.0.1' : httpServer.address);
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
