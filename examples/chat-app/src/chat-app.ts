import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CentApiError, CentError, Client } from '@centkit/client/v6';
import { createConnectionToken } from '@centkit/client/v6/tokens';

export interface ChatAppOptions {
  /** The Centrifugo v6 server (its HTTP API), e.g. `http://localhost:8000`. */
  readonly centrifugoUrl: string;
  readonly apiKey: string;
  /** `client.token.hmac_secret_key`: the backend signs the browsers' connection tokens. */
  readonly tokenSecret: string;
  /** Where browsers connect; default `centrifugoUrl` with ws: and `/connection/websocket`. */
  readonly wsUrl?: string;
  readonly port?: number;
}

export interface ChatApp {
  readonly url: string;
  close(): Promise<void>;
}

/** A chat message as the backend accepts it and publishes it. */
export interface ChatMessage {
  readonly user: string;
  readonly text: string;
}

const PUBLIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');
const SDK = path.join(
  path.dirname(createRequire(import.meta.url).resolve('centrifuge')),
  '..',
  'dist',
  'centrifuge.js',
);
const FILES: Readonly<Record<string, readonly [string, string]>> = {
  '/': [path.join(PUBLIC, 'index.html'), 'text/html; charset=utf-8'],
  '/chat.js': [path.join(PUBLIC, 'chat.js'), 'text/javascript'],
  '/centrifuge.js': [SDK, 'text/javascript'],
};
const NAME = /^[\w-]{1,32}$/;
const TOKEN_LIFETIME_SECONDS = 3600;

/**
 * The chat backend: serves the page (and the centrifuge SDK's browser build), gives a browser a
 * connection token for the name it joins with (`POST /session`), and publishes a posted message
 * into `chat:<room>` through the server API (`POST /rooms/:room/messages`). Centrifugo refusing
 * a publish is a 502, Centrifugo unreachable a 503.
 */
export async function startChatApp(o: ChatAppOptions): Promise<ChatApp> {
  const client = new Client({ url: o.centrifugoUrl, apiKey: o.apiKey, timeout: 2000 });
  const wsUrl = o.wsUrl ?? `${o.centrifugoUrl.replace(/^http/, 'ws')}/connection/websocket`;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = FILES[url.pathname];
    if (file !== undefined && req.method === 'GET')
      return void res.writeHead(200, { 'content-type': file[1] }).end(await readFile(file[0]));
    if (url.pathname === '/session' && req.method === 'POST') {
      const user = (parse(await readBody(req)) as { user?: unknown } | undefined)?.user;
      if (typeof user !== 'string' || !NAME.test(user))
        return send(res, 400, { error: 'expected {"user": a name of letters, digits, _ or -}' });
      const token = await createConnectionToken(
        { sub: user, expiresIn: TOKEN_LIFETIME_SECONDS },
        { secret: o.tokenSecret },
      );
      return send(res, 200, { token, wsUrl });
    }
    const room = /^\/rooms\/([\w-]{1,32})\/messages$/.exec(url.pathname)?.[1];
    if (room !== undefined && req.method === 'POST') {
      const message = parse(await readBody(req)) as Partial<ChatMessage> | undefined;
      if (
        typeof message?.user !== 'string' ||
        !NAME.test(message.user) ||
        typeof message.text !== 'string' ||
        message.text.length > 500
      ) {
        return send(res, 400, { error: 'expected {"user": name, "text": at most 500 characters}' });
      }
      try {
        await client.publish({ channel: `chat:${room}`, data: { user: message.user, text: message.text } });
      } catch (error) {
        if (error instanceof CentApiError) return send(res, 502, { error: `centrifugo refused: ${error.message}` });
        if (error instanceof CentError) return send(res, 503, { error: 'centrifugo unavailable' });
        throw error;
      }
      return send(res, 202, { published: true });
    }
    return send(res, 404, { error: 'not found' });
  }

  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => closeAll(server, client) };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function closeAll(server: Server, client: Client): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await client.close();
}
