/**
 * The golden transcripts of the real Centrifugo v6.9.1: one JSON object per line, in recording
 * order (state carries over from line to line on the same server). The format is documented in
 * test/fixtures/centrifugo-v6/README.md; this is its TypeScript shape and its reader and writer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VariantName } from '../centrifugo-v6.js';

/** An HTTP request as the recorder sent it: only the headers it set (Node adds Host, Connection, Content-Length). */
export interface GoldenRequest {
  readonly method: string;
  /** Path and query, e.g. `/api/info?api_key=k1`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** `repeat`: expand each `<c repeated N times>` in `body` to N times `c` (bodies too large to store). */
  readonly expand?: 'repeat';
}

/** An HTTP response as received: every header but `Date`, in the server's order and spelling; the body, masked. */
export interface GoldenResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface GoldenFrame {
  /**
   * `send`: one websocket text message the client sent; `recv`: one protocol message the server
   * sent (the server joins messages written together into one websocket message with `\n`,
   * depending on timing; the record splits them).
   */
  readonly dir: 'send' | 'recv';
  readonly text: string;
  /** `repeat`: expand `<c repeated N times>` in `text` (a frame too large to store). */
  readonly expand?: 'repeat';
}

/** What one websocket client did during one line, in order. */
export interface GoldenSocket {
  /** The client's name in this file (`W1`, `W1b`, `W0`…): the same name is the same connection. */
  readonly client: string;
  /** Present on the line that opened the connection. */
  readonly open?: { readonly path: string; readonly headers: Readonly<Record<string, string>> };
  /** The handshake was refused with an HTTP answer instead of an upgrade. */
  readonly rejected?: GoldenResponse;
  readonly frames: readonly GoldenFrame[];
  /** The close frame the server sent (or 1006 when the connection dropped without one). */
  readonly close?: { readonly code: number; readonly reason: string };
}

/** A server start that failed: the config given and what the process did. */
export interface GoldenStartup {
  readonly config: unknown;
  /** The exit status and the warn/error/fatal lines it logged (JSON, `time` removed). */
  readonly exit: { readonly code: number | null; readonly log: readonly unknown[] };
}

export interface GoldenLine {
  readonly name: string;
  /** The server config the line ran on: a variant of test/support/centrifugo-v6.ts, or `startup`. */
  readonly server: VariantName | 'startup';
  readonly request?: GoldenRequest;
  readonly response?: GoldenResponse;
  readonly ws?: readonly GoldenSocket[];
  readonly startup?: GoldenStartup;
  /** The placeholders the masking put in this line (`epoch`, `client`, `uptime`…), sorted. */
  readonly varies: readonly string[];
  readonly note?: string;
}

/** The fixture files, by kind. */
export const GOLDEN_FILES = {
  api: 'server-api.jsonl',
  connections: 'connections.jsonl',
  clientProtocol: 'client-protocol.jsonl',
  startup: 'startup.jsonl',
} as const;
export type GoldenFileKind = keyof typeof GOLDEN_FILES;

export const GOLDEN_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'centrifugo-v6',
);

export function formatLines(lines: readonly GoldenLine[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

export function parseLines(text: string): GoldenLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GoldenLine);
}

export function readGolden(kind: GoldenFileKind, dir = GOLDEN_DIR): GoldenLine[] {
  return parseLines(readFileSync(path.join(dir, GOLDEN_FILES[kind]), 'utf8'));
}

/** Expands `<c repeated N times>` (the convention of the 1.x corpus too). */
export function expandRepeats(text: string): string {
  return text.replace(/<(.) repeated (\d+) times>/g, (_, c: string, n: string) => c.repeat(Number(n)));
}

export function expandBody(request: GoldenRequest): string {
  return request.expand === 'repeat' ? expandRepeats(request.body) : request.body;
}

/** Line counts per group: the letters before the first digit of each name (`H`, `A`, …, `S`). */
export function countByGroup(lines: readonly GoldenLine[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const group = /^([A-Za-z]+?)\d/.exec(line.name)?.[1] ?? line.name;
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return counts;
}
