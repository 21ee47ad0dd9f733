/**
 * Checks a Centrifugo config object and fills in Centrifugo 1.8.0's defaults
 * (`libcentrifugo/centrifugo/main.go:107-143`, `node/config.go:137-198`). Wrong types and bad
 * namespace names are `MockConfigError`s naming the key; unknown keys are ignored.
 */
import { MockConfigError } from '../errors.js';
import type { CentrifugoConfig, ChannelOptions, ResolvedConfig } from './types.js';

const NAMESPACE_NAME = /^[-a-zA-Z0-9_]{2,}$/;

const BOOL_OPTIONS = [
  'watch',
  'publish',
  'anonymous',
  'presence',
  'join_leave',
  'recover',
  'history_drop_inactive',
] as const;
const INT_OPTIONS = ['history_size', 'history_lifetime'] as const;

export function parseConfig(input: unknown): ResolvedConfig {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw new MockConfigError('invalid_type', '(root)', 'must be an object');
  const raw = input as CentrifugoConfig;
  const nodeMetricsInterval = int(raw, 'node_metrics_interval', 'node_metrics_interval', 60);
  if (nodeMetricsInterval <= 0)
    throw new MockConfigError('invalid_value', 'node_metrics_interval', 'must be a positive number of seconds');
  const namespaceChannelBoundary = str(raw, 'namespace_channel_boundary', 'namespace_channel_boundary', ':');
  if (namespaceChannelBoundary === '')
    throw new MockConfigError('invalid_value', 'namespace_channel_boundary', 'must not be empty');
  const httpPrefix = str(raw, 'http_prefix', 'http_prefix', '');
  if (httpPrefix !== '' && (!httpPrefix.startsWith('/') || httpPrefix.endsWith('/'))) {
    throw new MockConfigError(
      'invalid_value',
      'http_prefix',
      'must start with "/" and not end with "/" (e.g. "/centrifugo")',
    );
  }
  const shards = int(raw, 'redis_api_num_shards', 'redis_api_num_shards', 0);
  return {
    secret: str(raw, 'secret', 'secret', ''),
    insecureApi: bool(raw, 'insecure_api', 'insecure_api', false),
    insecure: bool(raw, 'insecure', 'insecure', false),
    name: optionalStr(raw, 'name'),
    channelOptions: channelOptions(raw, ''),
    namespaces: namespaces(raw['namespaces']),
    nodeMetricsInterval,
    privateChannelPrefix: str(raw, 'private_channel_prefix', 'private_channel_prefix', '$'),
    namespaceChannelBoundary,
    userChannelBoundary: str(raw, 'user_channel_boundary', 'user_channel_boundary', '#'),
    userChannelSeparator: str(raw, 'user_channel_separator', 'user_channel_separator', ','),
    clientChannelBoundary: str(raw, 'client_channel_boundary', 'client_channel_boundary', '&'),
    httpPrefix,
    redisPrefix: str(raw, 'redis_prefix', 'redis_prefix', 'centrifugo'),
    redisApi: bool(raw, 'redis_api', 'redis_api', false),
    redisApiNumShards: shards,
    redisUrl: optionalStr(raw, 'redis_url'),
  };
}

function namespaces(value: unknown): ReadonlyMap<string, ChannelOptions> {
  const out = new Map<string, ChannelOptions>();
  if (value === undefined || value === null) return out;
  if (!Array.isArray(value))
    throw new MockConfigError('invalid_type', 'namespaces', 'must be a list of namespace objects');
  value.forEach((ns: unknown, i) => {
    const key = `namespaces[${i}]`;
    if (typeof ns !== 'object' || ns === null || Array.isArray(ns))
      throw new MockConfigError('invalid_type', key, 'must be an object with a name');
    const record = ns as Record<string, unknown>;
    const name = record['name'];
    if (typeof name !== 'string') throw new MockConfigError('invalid_type', `${key}.name`, 'must be a string');
    if (!NAMESPACE_NAME.test(name)) {
      throw new MockConfigError('invalid_namespace_name', `${key}.name`, `"${name}" must match ^[-a-zA-Z0-9_]{2,}$`);
    }
    if (out.has(name))
      throw new MockConfigError('duplicate_namespace', `${key}.name`, `namespace "${name}" is defined twice`);
    out.set(name, channelOptions(record, `${key}.`));
  });
  return out;
}

function channelOptions(record: Record<string, unknown>, prefix: string): ChannelOptions {
  const o: Record<string, boolean | number> = {};
  for (const k of BOOL_OPTIONS) o[k] = bool(record, k, prefix + k, false);
  for (const k of INT_OPTIONS) {
    const v = int(record, k, prefix + k, 0);
    if (v < 0) throw new MockConfigError('invalid_value', prefix + k, 'must not be negative');
    o[k] = v;
  }
  return o as unknown as ChannelOptions;
}

function bool(record: Record<string, unknown>, k: string, key: string, dflt: boolean): boolean {
  const v = record[k];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean')
    throw new MockConfigError('invalid_type', key, `must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function int(record: Record<string, unknown>, k: string, key: string, dflt: number): number {
  const v = record[k];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new MockConfigError('invalid_type', key, `must be an integer, got ${JSON.stringify(v)}`);
  return v;
}

function str(record: Record<string, unknown>, k: string, key: string, dflt: string): string {
  const v = record[k];
  if (v === undefined || v === null) return dflt;
  // Never echo the value: it may be the secret.
  if (typeof v !== 'string') throw new MockConfigError('invalid_type', key, `must be a string, got ${typeof v}`);
  return v;
}

function optionalStr(record: Record<string, unknown>, k: string): string | undefined {
  const v = record[k];
  return v === undefined || v === null ? undefined : str(record, k, k, '');
}
