import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMockCentrifugo } from '@centkit/mock/vitest';
import { startChatService, type ChatService } from '../src/index.js';

// One line: a fresh fake Centrifugo for this file, reset before each test, closed after.
const centrifugo = useMockCentrifugo({
  secret: 'app-secret',
  strict: true,
  config: { namespaces: [{ name: 'chat', history_size: 10, history_lifetime: 300 }] },
});

describe('chat service against the mock Centrifugo', () => {
  let service: ChatService;
  beforeAll(async () => {
    service = await startChatService({ address: centrifugo.url, secret: 'app-secret', timeout: 500 });
  });
  afterAll(() => service.close());

  const post = (path: string, body: unknown) =>
    fetch(`${service.url}${path}`, { method: 'POST', body: JSON.stringify(body) });

  it('publishes a posted message into the room channel', async () => {
    const res = await post('/rooms/lobby/messages', { author: 'ann', text: 'hi' });
    expect(res.status).toBe(202);
    const [command] = centrifugo.commands({ method: 'publish' });
    expect(command?.params).toEqual({ channel: 'chat:lobby', data: { author: 'ann', text: 'hi' } });
    expect(command?.error).toBeNull();
  });

  it('reads the room back from history, newest first', async () => {
    await post('/rooms/lobby/messages', { author: 'ann', text: 'one' });
    await post('/rooms/lobby/messages', { author: 'bob', text: 'two' });
    const res = await fetch(`${service.url}/rooms/lobby/messages`);
    expect(await res.json()).toEqual({
      messages: [
        { author: 'bob', text: 'two' },
        { author: 'ann', text: 'one' },
      ],
    });
  });

  it('kicks a connected user', async () => {
    centrifugo.addClient({ user: 'troll', channels: ['chat:lobby'] });
    const res = await post('/users/troll/kick', {});
    expect(res.status).toBe(200);
    expect(centrifugo.clients().filter((c) => c.user === 'troll')).toEqual([]);
  });

  it('answers 503 when Centrifugo is down, and 502 when it refuses a command', async () => {
    centrifugo.injectFault({ type: 'status', status: 500, times: 1 });
    expect((await post('/rooms/lobby/messages', { author: 'ann', text: 'lost' })).status).toBe(503);
    centrifugo.injectFault({ type: 'soft-error', method: 'publish', error: 'internal server error', times: 1 });
    expect((await post('/rooms/lobby/messages', { author: 'ann', text: 'refused' })).status).toBe(502);
    expect((await post('/rooms/lobby/messages', { author: 'ann', text: 'fine' })).status).toBe(202);
  });

  it('rejects a bad request without calling Centrifugo', async () => {
    expect((await post('/rooms/lobby/messages', { text: 'no author' })).status).toBe(400);
    expect(centrifugo.commands()).toEqual([]);
  });
});
