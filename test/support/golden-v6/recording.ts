/**
 * One recording session: the real servers it started (one per config variant, started on first
 * use, each fresh), the lines recorded so far, and the masker shared by all of them, so a value
 * gets the same placeholder everywhere in one file. Cases call `http` and `connect`; each call
 * sends, waits, masks and appends one line.
 */
import { API_KEY, configOf, startCentrifugo, type RealCentrifugo, type VariantName } from '../centrifugo-v6.js';
import { sendHttp, utf8 } from './http.js';
import { Masker, type PlaceholderKind } from './mask.js';
import { makeToken, type TokenLabel } from './tokens.js';
import type { GoldenLine, GoldenRequest, GoldenSocket } from './transcript.js';
import { expandBody } from './transcript.js';
import { RecordingSocket, type SocketOptions } from './ws-client.js';

/** What spec §7 predicts: the HTTP status, and the error code in the body (`null`: no error). */
export interface Prediction {
  readonly status?: number;
  readonly code?: number | null;
}

export interface HttpStep {
  readonly server?: VariantName;
  readonly method?: string;
  readonly path: string;
  /** The request headers; default `X-API-Key: k1`. */
  readonly headers?: Record<string, string>;
  /** The raw body; an object is sent as its JSON. */
  readonly body?: string | object | null;
  readonly expand?: 'repeat';
  readonly spec?: Prediction;
  readonly note?: string;
  /** Connections whose messages during this exchange belong to the line (waited for with `expect`). */
  readonly sockets?: readonly RecordingSocket[];
  /** Waits for what the sockets should receive, before the line is closed. */
  readonly expect?: () => Promise<void>;
}

export interface HttpResult {
  readonly status: number;
  readonly text: string;
  /** The parsed body, or undefined when it is not JSON. */
  readonly json: any;
}

export class Recording {
  readonly lines: GoldenLine[] = [];
  readonly masker = new Masker();
  /** Lines whose recording disagrees with the spec's prediction. */
  readonly disagreements: string[] = [];
  private readonly servers = new Map<VariantName, Promise<RealCentrifugo>>();

  async server(variant: VariantName): Promise<RealCentrifugo> {
    let server = this.servers.get(variant);
    if (server === undefined) {
      server = startCentrifugo(configOf(variant));
      this.servers.set(variant, server);
    }
    return server;
  }

  async http(name: string, step: HttpStep): Promise<HttpResult> {
    const variant = step.server ?? 'rec';
    const server = await this.server(variant);
    const body = step.body === undefined ? '' : typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
    const request: GoldenRequest = {
      method: step.method ?? 'POST',
      path: step.path,
      headers: step.headers ?? { 'X-API-Key': API_KEY },
      body,
      ...(step.expand && { expand: step.expand }),
    };
    const raw = await sendHttp(server.url, request, expandBody(request));
    await step.expect?.();
    const text = utf8(raw.body) ?? `<not UTF-8: ${raw.body.toString('base64')}>`;
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const note = [this.check(name, step.spec, raw.status, json), step.note].filter((n) => n !== undefined).join(' ');
    const sockets = (step.sockets ?? []).map((s) => s.take());
    this.add({
      name,
      server: variant,
      request,
      response: { status: raw.status, headers: raw.headers, body: text },
      ...(sockets.length > 0 && { ws: sockets }),
      varies: [],
      ...(note && { note }),
    });
    return { status: raw.status, text, json };
  }

  /** Opens a websocket on `variant` and, with a token label, sends connect and names the client id. */
  async connect(
    name: string,
    client: string,
    variant: VariantName,
    token: TokenLabel | undefined,
    options: SocketOptions & { note?: string } = {},
  ): Promise<RecordingSocket> {
    const server = await this.server(variant);
    const params = token === undefined ? {} : { token: await makeToken(token, this.masker) };
    const socket = await RecordingSocket.open(client, server.wsUrl, {
      ...options,
      onConnected: (id) => this.masker.nameClient(id, client),
    });
    socket.send(JSON.stringify({ id: 1, connect: params }));
    await socket.received(1);
    this.addSockets(name, variant, [socket], options.note);
    return socket;
  }

  /**
   * Connects two clients with the same token and names them `a` and `b` by the order of their
   * client ids, so that replies listing both (presence, sorted by id) re-record the same.
   */
  async connectPair(
    name: string,
    labels: readonly [string, string],
    variant: VariantName,
    token: TokenLabel,
  ): Promise<[RecordingSocket, RecordingSocket]> {
    const server = await this.server(variant);
    const sockets = await Promise.all(labels.map((label) => RecordingSocket.open(label, server.wsUrl)));
    const ids: string[] = [];
    for (const socket of sockets) {
      socket.send(JSON.stringify({ id: 1, connect: { token: await makeToken(token, this.masker) } }));
      await socket.received(1);
      ids.push(String(socket.clientId));
    }
    const [first, second] = (ids[0] as string) < (ids[1] as string) ? sockets : [sockets[1], sockets[0]];
    (first as RecordingSocket).rename(labels[0]);
    (second as RecordingSocket).rename(labels[1]);
    ids.forEach((id, i) => this.masker.nameClient(id, (sockets[i] as RecordingSocket).client));
    this.addSockets(`${name}.${labels[0]}`, variant, [first as RecordingSocket]);
    this.addSockets(`${name}.${labels[1]}`, variant, [second as RecordingSocket]);
    return [first as RecordingSocket, second as RecordingSocket];
  }

  /** A line with only websocket traffic. */
  addSockets(name: string, variant: VariantName, sockets: readonly RecordingSocket[], note?: string): void {
    this.add({ name, server: variant, ws: sockets.map((s) => s.take()), varies: [], ...(note && { note }) });
  }

  /** Appends a line, masked (server output is learnt from first, so its epochs are known). */
  add(line: GoldenLine): void {
    const kinds = new Set<PlaceholderKind>();
    if (line.response) this.masker.learn(line.response.body);
    for (const s of line.ws ?? []) for (const f of s.frames) if (f.dir === 'recv') this.masker.learn(f.text);
    const m = (text: string) => this.masker.mask(text, kinds);
    const masked: GoldenLine = {
      ...line,
      ...(line.request && { request: { ...line.request, body: m(line.request.body) } }),
      ...(line.response && { response: { ...line.response, body: m(line.response.body) } }),
      ...(line.ws && {
        ws: line.ws.map((s): GoldenSocket => ({ ...s, frames: s.frames.map((f) => ({ ...f, text: m(f.text) })) })),
      }),
    };
    this.lines.push({ ...masked, varies: [...kinds].sort() });
  }

  async close(): Promise<void> {
    const servers = await Promise.allSettled(this.servers.values());
    await Promise.all(servers.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
  }

  private check(name: string, spec: Prediction | undefined, status: number, json: any): string | undefined {
    if (spec === undefined) return undefined;
    const code = errorCode(json);
    const statusOk = spec.status === undefined || spec.status === status;
    const codeOk = spec.code === undefined || spec.code === code;
    if (statusOk && codeOk) return undefined;
    const say = (s: number | undefined, c: number | null | undefined) =>
      [s === undefined ? '' : `HTTP ${s}`, c === undefined ? '' : c === null ? 'no error' : `error ${c}`]
        .filter(Boolean)
        .join(', ');
    const text = `Spec §7 predicted ${say(spec.status, spec.code)}; the server answered ${say(status, code)}.`;
    this.disagreements.push(`${name}: ${text}`);
    return text;
  }
}

/** The error code of a reply: `{error:{code}}`, a bare `{code}` (transport error mode), or null. */
export function errorCode(json: any): number | null {
  if (json !== null && typeof json === 'object') {
    if (typeof json.error?.code === 'number') return json.error.code as number;
    if (typeof json.code === 'number') return json.code as number;
  }
  return null;
}
