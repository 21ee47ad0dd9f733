/**
 * Centrifugo v6's config as the server reads and checks it at start-up, in its order: reading
 * (`error getting config`), `Config.Validate()` (`error validating config`), the engine
 * (`configure engines error`), then the checks made while the HTTP handlers are built (ping
 * versus pong, `http_api.error_mode`). The first problem throws a `CentrifugoConfigError`
 * carrying the server's error text and log line; the warnings it would log go to `warnings`.
 */
import { CentrifugoConfigError, validationError } from './config-error.js';
import {
  CHANNEL_OPTION_KEYS,
  channelOptionsProblem,
  readChannelOptions,
  type ChannelCheckContext,
} from './channel-options.js';
import { formatGoDuration } from './go-duration.js';
import { lowerKeys, readBool, readDuration, readInt, readString, section, type Section } from './read-value.js';
import type { CentrifugoV6Config, ChannelOptions, ResolvedConfigV6, StartupLogRecord } from './types.js';
import { unknownKeys } from './unknown-keys.js';

export interface ParsedConfigV6 {
  readonly config: ResolvedConfigV6;
  /** The warn lines the server logs at start-up for this config. */
  readonly warnings: readonly StartupLogRecord[];
}

const NAME = /^[-a-zA-Z0-9_.]{2,}$/;
const S = 1_000_000_000n;

export function parseConfigV6(input: CentrifugoV6Config | undefined): ParsedConfigV6 {
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new CentrifugoConfigError('invalid_config', '(root)', {
      level: 'fatal',
      error: 'the config must be an object of Centrifugo v6 keys',
      message: 'error getting config',
    });
  }
  const root = lowerKeys(input ?? {}) as Section;
  const api = section(root, 'http_api', '');
  const server = section(root, 'http_server', '');
  const health = section(root, 'health', '');
  const client = section(root, 'client', '');
  const token = section(client, 'token', 'client');
  const channel = section(root, 'channel', '');
  const proxy = section(section(channel, 'proxy', 'channel'), 'shared_poll_refresh', 'channel.proxy');
  const sharedPoll = section(root, 'shared_poll', '');
  const nsInput = channel['namespaces'];
  if (nsInput !== undefined && nsInput !== null && !Array.isArray(nsInput))
    throw validationError('channel.namespaces', 'channel.namespaces must be a list of namespaces');
  const nsList = ((nsInput ?? []) as unknown[]).map((n, i) => section({ n }, 'n', `channel.namespaces[${i}]`));

  const historyMetaTtl = readDuration(channel, 'history_meta_ttl', 'channel', 720n * 3600n * S);
  const withoutNamespace = readChannelOptions(
    section(channel, 'without_namespace', 'channel'),
    'channel.without_namespace',
  );
  const namespaces = nsList.map((n, i) => ({
    name: readString(n, 'name', `channel.namespaces[${i}]`),
    options: readChannelOptions(n, `channel.namespaces[${i}]`),
  }));
  const config: ResolvedConfigV6 = {
    httpServer: {
      address: readString(server, 'address', 'http_server'),
      port: readInt(server, 'port', 'http_server', 8000),
    },
    httpApi: {
      key: readString(api, 'key', 'http_api'),
      insecure: readBool(api, 'insecure', 'http_api'),
      errorMode: readString(api, 'error_mode', 'http_api'),
      handlerPrefix: readString(api, 'handler_prefix', 'http_api', '/api'),
    },
    health: {
      enabled: readBool(health, 'enabled', 'health'),
      handlerPrefix: readString(health, 'handler_prefix', 'health', '/health'),
    },
    client: {
      tokenHmacSecretKey: readString(token, 'hmac_secret_key', 'client.token'),
      allowAnonymousConnectWithoutToken: readBool(client, 'allow_anonymous_connect_without_token', 'client'),
      insecure: readBool(client, 'insecure', 'client'),
      channelLimit: readInt(client, 'channel_limit', 'client', 128),
      pingInterval: readDuration(client, 'ping_interval', 'client', 25n * S),
      pongTimeout: readDuration(client, 'pong_timeout', 'client', 8n * S),
    },
    channel: {
      privatePrefix: readString(channel, 'private_prefix', 'channel', '$'),
      namespaceBoundary: readString(channel, 'namespace_boundary', 'channel', ':'),
      historyMetaTtl,
      publicationDataFormat: readString(channel, 'publication_data_format', 'channel'),
      withoutNamespace,
      namespaces: new Map(namespaces.map((n) => [n.name, n.options] as const)),
    },
    node: { name: readString(section(root, 'node', ''), 'name', 'node') },
    sharedPoll: { hmacSecretKey: readString(sharedPoll, 'hmac_secret_key', 'shared_poll') },
  };
  const ctx: ChannelCheckContext = {
    globalHistoryMetaTtl: historyMetaTtl,
    sharedPollSecret: config.sharedPoll.hmacSecretKey,
    sharedPollRefreshEndpoint: readString(proxy, 'endpoint', 'channel.proxy.shared_poll_refresh'),
    sharedPollRefreshTimeout: readDuration(proxy, 'timeout', 'channel.proxy.shared_poll_refresh', S),
  };
  validate(root, config, namespaces, ctx);
  checkEngine(root);
  const { pingInterval, pongTimeout } = config.client;
  if (pingInterval <= pongTimeout) {
    throw new CentrifugoConfigError('invalid_config', 'client.ping_interval', {
      level: 'fatal',
      ping_interval: formatGoDuration(pingInterval),
      pong_timeout: formatGoDuration(pongTimeout),
      message: 'ping_interval must be greater than pong_timeout',
    });
  }
  if (config.httpApi.errorMode !== '' && config.httpApi.errorMode !== 'transport') {
    throw new CentrifugoConfigError('invalid_config', 'http_api.error_mode', {
      level: 'fatal',
      error: `invalid value: ${config.httpApi.errorMode}, possible choices are: transport`,
      message: 'error in config',
    });
  }
  return { config, warnings: warningsOf(root, config) };
}

function validate(
  root: Section,
  config: ResolvedConfigV6,
  namespaces: readonly { name: string; options: ChannelOptions }[],
  ctx: ChannelCheckContext,
): void {
  const brokerType = readString(section(root, 'broker', ''), 'type', 'broker', 'memory');
  if (!['memory', 'nats', 'redis', 'redisnats', 'postgres'].includes(brokerType))
    throw validationError('broker.type', `unknown broker: ${brokerType}`);
  const metaTtl = config.channel.historyMetaTtl;
  if (metaTtl > 0n && metaTtl % S !== 0n)
    throw validationError(
      'channel.history_meta_ttl',
      `in channel.history_meta_ttl: malformed duration ${formatGoDuration(metaTtl)}, sub-second precision is not supported for this key`,
    );
  const format = config.channel.publicationDataFormat;
  if (!['', 'json', 'json_object', 'binary'].includes(format))
    throw validationError(
      'channel.publication_data_format',
      `unknown channel.publication_data_format: ${JSON.stringify(format)}`,
    );
  const top = channelOptionsProblem(config.channel.withoutNamespace, ctx);
  if (top !== undefined) throw validationError('channel.without_namespace', `in channel.without_namespace: ${top}`);
  const seen = new Set<string>();
  namespaces.forEach(({ name, options }, i) => {
    if (seen.has(name))
      throw validationError(`channel.namespaces[${i}].name`, `namespace name must be unique: ${name}`);
    if (!NAME.test(name))
      throw validationError(
        `channel.namespaces[${i}].name`,
        `namespace ${name}: invalid namespace name – ${name} (must match ^[-a-zA-Z0-9_.]{2,}$ regular expression)`,
      );
    const problem = channelOptionsProblem(options, ctx);
    if (problem !== undefined) throw validationError(`channel.namespaces[${i}]`, `namespace ${name}: ${problem}`);
    seen.add(name);
  });
  const mapBroker = readString(section(root, 'map_broker', ''), 'type', 'map_broker', 'memory');
  if (!['memory', 'redis', 'postgres'].includes(mapBroker))
    throw validationError('map_broker.type', `unknown map broker type: ${mapBroker}`);
}

function checkEngine(root: Section): void {
  const engine = readString(section(root, 'engine', ''), 'type', 'engine', 'memory');
  if (engine !== 'memory' && engine !== 'redis') {
    throw new CentrifugoConfigError('invalid_config', 'engine.type', {
      level: 'fatal',
      error: `unknown engine type: ${engine}`,
      message: 'configure engines error',
    });
  }
}

function warningsOf(root: Section, config: ResolvedConfigV6): StartupLogRecord[] {
  const out: StartupLogRecord[] = [];
  if (config.client.insecure)
    out.push({ level: 'warn', message: 'INSECURE client mode enabled, make sure you understand risks' });
  if (config.httpApi.insecure)
    out.push({ level: 'warn', message: 'INSECURE HTTP API mode enabled, make sure you understand risks' });
  for (const key of unknownKeys(root, CHANNEL_OPTION_KEYS))
    out.push({ level: 'warn', key, message: 'unknown key in configuration file' });
  return out;
}
