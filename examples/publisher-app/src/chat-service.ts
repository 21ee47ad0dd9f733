import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CentCommandError, CentError, Client, type ClientOptions } from '@centkit/client';

/** A chat message as the service accepts it and publishes it. */
export interface ChatMessage {
  readonly author: string;
  readonly text: string;
}

export interface ChatService {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A tiny HTTP service: `POST /rooms/:room/messages` publishes `{author, text}` into the
 * Centrifugo channel `chat:<room>`; `GET /rooms/:room/messages` reads its history;
 * `POST /users/:user/kick` disconnects a user. Centrifugo errors become 502/503 answers.
 */
export async function startChatService(centrifugo: ClientOptions, port = 0): Promise<ChatService> {
  const client = new Client(centrifugo);
  const server = createServer((req, res) => {
    handle(client, req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}`, close: () => closeAll(server, client) };
}

async function handle(client: Client, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const room = /^\/rooms\/([\w-]+)\/messages$/.exec(url.pathname)?.[1];
  const user = /^\/users\/([\w-]+)\/kick$/.exec(url.pathname)?.[1];
  try {
    if (room !== undefined && req.method === 'POST') {
      const message = parseMessage(await readBody(req));
      if (message === undefined) return send(res, 400, { error: 'expected {"author": string, "text": string}' });
      await client.publish({ channel: `chat:${room}`, data: message });
      return send(res, 202, { published: true });
    }
    if (room !== undefined && req.method === 'GET') {
      const history = await client.history({ channel: `chat:${room}` });
      return send(res, 200, { messages: history.data.map((m) => m.data) });
    }
    if (user !== undefined && req.method === 'POST') {
      await client.disconnect({ user });
      return send(res, 200, { kicked: user });
    }
    return send(res, 404, { error: 'not found' });
  } catch (error) {
    if (error instanceof CentCommandError) return send(res, 502, { error: `centrifugo: ${error.error}` });
    if (error instanceof CentError) return send(res, 503, { error: `centrifugo unavailable (${error.code})` });
    throw error;
  }
}

function parseMessage(text: string): ChatMessage | undefined {
  try {
    const value = JSON.parse(text) as Partial<ChatMessage> | null;
    if (typeof value?.author === 'string' && typeof value.text === 'string')
      return { author: value.author, text: value.text };
  } catch {
    // not JSON: answered with 400 below
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function closeAll(server: Server, client: Client): Promise<void> {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  await client.close();
}
