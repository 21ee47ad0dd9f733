/** Loads the golden transcripts and the oracle config of Centrifugo 1.8.0 (test/fixtures/centrifugo-v1). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CentrifugoConfig } from '../../src/index.js';

export const PROTOCOL_DIR =
  process.env['CENTKIT_PROTOCOL_DIR'] ??
  fileURLToPath(new URL('../../../../test/fixtures/centrifugo-v1', import.meta.url));

export interface Exchange {
  readonly name: string;
  readonly engine: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers: Record<string, string>;
    readonly body: string;
    readonly form?: Record<string, string>;
  };
  readonly response: {
    readonly status: number | null;
    readonly headers: Record<string, string>;
    readonly body: string;
  };
  readonly note?: string;
  readonly varies: readonly string[];
  readonly needs_presence?: readonly { user: string; channels: string[]; default_info: unknown; info_raw: string }[];
  readonly placeholder?: { readonly data: string; readonly how: string };
}

export function loadTranscripts(): Exchange[] {
  const text = readFileSync(resolve(PROTOCOL_DIR, 'server-transcripts.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Exchange);
}

export function loadOracleConfig(): CentrifugoConfig {
  return JSON.parse(readFileSync(resolve(PROTOCOL_DIR, 'oracle-config.json'), 'utf8')) as CentrifugoConfig;
}

/** The config each recorded engine run used, or undefined for runs the mock does not replay. */
export function configFor(engine: string, oracle: CentrifugoConfig): CentrifugoConfig | undefined {
  if (engine === 'memory') return oracle;
  if (engine === 'memory+insecure_api') return { ...oracle, insecure_api: true };
  if (engine === 'memory+empty_secret') return { ...oracle, secret: '' };
  if (engine.startsWith('memory (namespace ttl')) {
    return {
      ...oracle,
      namespaces: [...(oracle.namespaces ?? []), { name: 'ttl', history_size: 3, history_lifetime: 4 }],
    };
  }
  return undefined;
}

/** Rebuilds a placeholder's `data`: `<x repeated N times>` → N times `x`. */
export function rebuildPlaceholder(data: string): string {
  return data.replace(/<(.) repeated (\d+) times>/g, (_, ch: string, n: string) => ch.repeat(Number(n)));
}

export function header(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : headers[key];
  return Array.isArray(v) ? String(v[0]) : v === undefined ? undefined : String(v);
}
