/**
 * Replays golden transcripts of the real v6.9.1 against a mock and lists every difference:
 * status, content type and body of each HTTP exchange after masking (test/support/golden-v6's
 * Masker, the one the recordings were masked with), and for the websocket clients of
 * connections.jsonl, fake clients standing in: the pushes each received and how it was closed.
 * Placeholders in requests become the mock's own values (`Masker.unmask`). The target decides
 * how requests reach the mock (in process, or over HTTP).
 */
import type { VariantName } from '../../../../../test/support/centrifugo-v6.js';
import { Masker, type PlaceholderKind } from '../../../../../test/support/golden-v6/mask.js';
import { TOKENS, type TokenLabel } from '../../../../../test/support/golden-v6/tokens.js';
import { expandBody, type GoldenLine, type GoldenSocket } from '../../../../../test/support/golden-v6/transcript.js';

export interface ReplayRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ReplayResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

export interface Received {
  readonly pushes: readonly string[];
  readonly closed: { readonly code: number; readonly reason: string } | undefined;
}

export interface ReplayTarget {
  request(server: VariantName, req: ReplayRequest): Promise<ReplayResponse>;
  connect(
    server: VariantName,
    name: string,
    spec: { readonly user: string; readonly client: string; readonly info: unknown },
  ): Promise<void>;
  subscribe(server: VariantName, name: string, channel: string): Promise<void>;
  /** What the client received since the last call. */
  received(server: VariantName, name: string): Promise<Received>;
  /** Unix seconds now, on the mock's clock. */
  nowSeconds(): number;
  /** Called after each line (a manual clock moves on). */
  afterLine?(): void;
}

export interface ReplayReport {
  readonly http: number;
  readonly sockets: number;
  readonly differences: readonly string[];
}

/** Lines whose pushes are a race on the real server (README: C11). */
const RACY_LEAVES = new Set(['C11_disconnect_default']);

export async function replay(lines: readonly GoldenLine[], target: ReplayTarget): Promise<ReplayReport> {
  const masker = new Masker();
  const differences: string[] = [];
  const ids = new Map<string, string>();
  let http = 0;
  let sockets = 0;
  const differ = (name: string, what: string, want: unknown, got: unknown) =>
    differences.push(`${name}: ${what}\n    real: ${JSON.stringify(want)}\n    mock: ${JSON.stringify(got)}`);
  for (const line of lines) {
    if (line.server === 'startup') continue;
    const server = line.server;
    for (const s of line.ws ?? []) await drive(server, s, line.name);
    if (line.request !== undefined && line.response !== undefined) {
      http += 1;
      const body = masker
        .unmask(expandBody(line.request))
        .replace(/"<unix-time>"/g, String(target.nowSeconds() + 3600));
      const res = await target.request(server, {
        method: line.request.method,
        path: masker.unmask(line.request.path),
        headers: line.request.headers,
        body,
      });
      masker.learn(res.body);
      const masked = masker.mask(res.body, new Set<PlaceholderKind>());
      const want = line.response;
      if (res.status !== want.status) differ(line.name, 'status', want.status, res.status);
      if (res.contentType !== want.headers['Content-Type'])
        differ(line.name, 'content type', want.headers['Content-Type'], res.contentType);
      if (masked !== want.body) differ(line.name, 'body', want.body, masked);
    }
    for (const s of line.ws ?? []) {
      sockets += 1;
      const got = await target.received(server, s.client);
      const racy = RACY_LEAVES.has(line.name);
      for (const p of got.pushes) masker.learn(p);
      const pushes = got.pushes.map((p) => masker.mask(p, new Set())).filter((p) => !(racy && p.includes('"leave"')));
      const wantPushes = s.frames
        .filter((f) => f.dir === 'recv' && f.text.startsWith('{"push"'))
        .map((f) => f.text)
        .filter((p) => !(racy && p.includes('"leave"')));
      if (JSON.stringify(pushes) !== JSON.stringify(wantPushes))
        differ(`${line.name} ${s.client}`, 'pushes', wantPushes, pushes);
      if (JSON.stringify(got.closed) !== JSON.stringify(s.close))
        differ(`${line.name} ${s.client}`, 'close', s.close, got.closed);
    }
    target.afterLine?.();
  }
  return { http, sockets, differences };

  async function drive(server: VariantName, s: GoldenSocket, lineName: string): Promise<void> {
    for (const f of s.frames) {
      if (f.dir !== 'send') continue;
      const cmd = JSON.parse(f.text) as { connect?: { token?: string }; subscribe?: { channel: string } };
      if (cmd.connect !== undefined) {
        const label = /^<token:(.+)>$/.exec(cmd.connect.token ?? '')?.[1] as TokenLabel | undefined;
        const claims: { sub?: string; info?: unknown } = label === undefined ? {} : TOKENS[label].claims;
        const client = fakeClientId(ids.size + 1);
        ids.set(s.client, client);
        masker.nameClient(client, s.client);
        await target.connect(server, s.client, { user: claims.sub ?? '', client, info: claims.info });
        await target.received(server, s.client); // the connect reply is not a push
      } else if (cmd.subscribe !== undefined) {
        await target.subscribe(server, s.client, cmd.subscribe.channel);
      } else throw new Error(`${lineName}: cannot replay the client command ${f.text}`);
    }
  }
}

/** Client ids in connection order, so that ids sort as the recording's pair did (W1a before W1b). */
function fakeClientId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
