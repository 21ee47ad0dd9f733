/**
 * A websocket client of the real Centrifugo speaking its JSON protocol, for tests that need a
 * connection on the server (tokens, the server-side subscribe, unsubscribe, refresh, disconnect):
 * send commands, read replies and pushes one by one, or see how the server closed it.
 */
import WebSocket from 'ws';

/** A websocket session: send JSON commands, read replies one by one, or the close code. */
export class Session {
  readonly #socket: WebSocket;
  readonly #replies: unknown[] = [];
  readonly #waiting: ((reply: unknown) => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url: string) {
    this.#socket = new WebSocket(url);
    this.#socket.on('message', (data: Buffer) => {
      for (const line of data.toString('utf8').split('\n')) {
        if (line === '') continue;
        const reply: unknown = JSON.parse(line);
        // A ping ({}) gets a pong; the tests never wait that long, but stay polite.
        if (typeof reply === 'object' && reply !== null && Object.keys(reply).length === 0) continue;
        const waiter = this.#waiting.shift();
        if (waiter === undefined) this.#replies.push(reply);
        else waiter(reply);
      }
    });
    this.closed = new Promise((resolve) =>
      this.#socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  async send(command: object): Promise<void> {
    if (this.#socket.readyState === WebSocket.CONNECTING)
      await new Promise((resolve) => this.#socket.once('open', resolve));
    this.#socket.send(JSON.stringify(command));
  }

  /** The next reply, or the close if the server closes first. */
  next(): Promise<unknown> {
    const queued = this.#replies.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return Promise.race([
      new Promise((resolve) => this.#waiting.push(resolve)),
      this.closed.then((close) => ({ closed: close })),
    ]);
  }

  /** The first of the next `max` messages that `matches` (others are dropped), or the close. */
  async find(matches: (message: unknown) => boolean, max = 20): Promise<unknown> {
    for (let i = 0; i < max; i++) {
      const message = await this.next();
      if (matches(message) || (typeof message === 'object' && message !== null && 'closed' in message)) return message;
    }
    throw new Error(`none of the next ${max} messages matched`);
  }

  close(): void {
    this.#socket.close();
  }
}

/** A session connected with `token`; resolves once the server accepted it, with its client id. */
export async function connectedSession(url: string, token: string): Promise<{ session: Session; client: string }> {
  const session = new Session(url);
  await session.send({ id: 1, connect: { token } });
  const reply = (await session.next()) as { id?: number; connect?: { client?: string } };
  const client = reply.connect?.client;
  if (reply.id !== 1 || typeof client !== 'string') {
    session.close();
    throw new Error(`the server did not accept the connection: ${JSON.stringify(reply)}`);
  }
  return { session, client };
}
