/**
 * The keys the server warns about at start-up (`unknown key in configuration file`): top-level
 * sections it does not have, and keys of channel options (`channel.without_namespace`, each
 * namespace) it does not have, named as the server names them (`channel.namespaces.[0].x`).
 * Keys inside the other sections are not checked: the mock reads few of them.
 */
import type { Section } from './read-value.js';

const SECTIONS: ReadonlySet<string> = new Set([
  'http_server',
  'log',
  'engine',
  'broker',
  'presence_manager',
  'map_broker',
  'controller',
  'shared_poll',
  'client',
  'channel',
  'rpc',
  'proxies',
  'http_api',
  'grpc_api',
  'consumers',
  'websocket',
  'sse',
  'http_stream',
  'webtransport',
  'uni_sse',
  'uni_http_stream',
  'uni_websocket',
  'uni_grpc',
  'emulation',
  'admin',
  'prometheus',
  'health',
  'swagger',
  'debug',
  'init',
  'opentelemetry',
  'graphite',
  'usage_stats',
  'node',
  'shutdown',
  'pid_file',
  'enable_unreleased_features',
]);
const CHANNEL_KEYS: ReadonlySet<string> = new Set([
  'proxy',
  'without_namespace',
  'namespaces',
  'history_meta_ttl',
  'publication_data_format',
  'max_length',
  'private_prefix',
  'namespace_boundary',
  'user_boundary',
  'user_separator',
]);

export function unknownKeys(root: Section, channelOptionKeys: ReadonlySet<string>): string[] {
  const out = Object.keys(root).filter((k) => !SECTIONS.has(k));
  const channel = root['channel'];
  if (!isSection(channel)) return out;
  for (const k of Object.keys(channel)) if (!CHANNEL_KEYS.has(k)) out.push(`channel.${k}`);
  const top = channel['without_namespace'];
  if (isSection(top))
    for (const k of Object.keys(top)) if (!channelOptionKeys.has(k)) out.push(`channel.without_namespace.${k}`);
  const namespaces = channel['namespaces'];
  if (Array.isArray(namespaces)) {
    namespaces.forEach((ns, i) => {
      if (isSection(ns))
        for (const k of Object.keys(ns))
          if (k !== 'name' && !channelOptionKeys.has(k)) out.push(`channel.namespaces.[${i}].${k}`);
    });
  }
  return out;
}

function isSection(v: unknown): v is Section {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
