/**
 * Every method of the protocol through the real `cent` against `@centkit/mock`: what the mock
 * received, what cent printed (one compact JSON reply per command when piped, its body valid
 * against the method's result schema) and the exit code.
 */
import { startMockCentrifugo, type MockCentrifugo } from '@centkit/mock';
import { methodNames, validate } from '@centkit/validators';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lines, runCent } from './support/cent-process.js';

const SECRET = 'methods-secret';
let mock: MockCentrifugo;
let env: Record<string, string>;

beforeAll(async () => {
  mock = await startMockCentrifugo({
    secret: SECRET,
    config: { namespaces: [{ name: 'public', history_size: 10, history_lifetime: 300, presence: true }] },
  });
  env = { CENT_ADDRESS: mock.url, CENT_SECRET: SECRET };
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

/** Runs `cent METHOD --params JSON` and returns the one reply it printed. */
async function call(method: string, params: unknown): Promise<{ method: string; error: string | null; body: unknown }> {
  const run = await runCent([method, '--params', JSON.stringify(params)], { env });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = lines(run.stdout);
  expect(out).toHaveLength(1);
  const reply = JSON.parse(out[0] ?? '') as { method: string; error: string | null; body: unknown };
  expect(Object.keys(reply)).toEqual(['method', 'error', 'body']);
  expect(reply).toMatchObject({ method, error: null });
  expect(validate(method, 'result', reply.body)).toMatchObject({ ok: true });
  return reply;
}

describe('every method, against the mock', () => {
  it('covers the whole protocol', () => {
    expect([...methodNames].sort()).toEqual([
      'broadcast',
      'channels',
      'disconnect',
      'history',
      'node',
      'presence',
      'publish',
      'stats',
      'unsubscribe',
    ]);
  });

  it('publish', async () => {
    expect((await call('publish', { channel: 'public:chat', data: { text: 'hi ü' }, client: 'abc' })).body).toBeNull();
    expect(mock.history('public:chat')).toEqual([expect.objectContaining({ data: { text: 'hi ü' }, client: 'abc' })]);
    expect(mock.commands()).toEqual([
      expect.objectContaining({
        method: 'publish',
        paramsJson: '{"channel":"public:chat","data":{"text":"hi ü"},"client":"abc"}',
      }),
    ]);
  });

  it('broadcast', async () => {
    await call('broadcast', { channels: ['public:a', 'public:b'], data: 1 });
    expect(mock.history('public:a')).toHaveLength(1);
    expect(mock.history('public:b')).toHaveLength(1);
  });

  it('unsubscribe', async () => {
    mock.addClient({ user: '42', client: 'c1', channels: ['public:chat', 'public:other'] });
    await call('unsubscribe', { user: '42', channel: 'public:chat' });
    expect(mock.clients()).toEqual([expect.objectContaining({ client: 'c1', channels: ['public:other'] })]);
  });

  it('disconnect', async () => {
    mock.addClient({ user: '42', client: 'c1', channels: ['public:chat'] });
    await call('disconnect', { user: '42' });
    expect(mock.clients()).toEqual([]);
  });

  it('presence', async () => {
    mock.addClient({ user: '42', client: 'c1', channels: ['public:chat'] });
    expect(await call('presence', { channel: 'public:chat' })).toMatchObject({
      body: { channel: 'public:chat', data: { c1: { user: '42', client: 'c1' } } },
    });
  });

  it('history', async () => {
    await call('publish', { channel: 'public:chat', data: { input: 'hello' } });
    expect(await call('history', { channel: 'public:chat' })).toMatchObject({
      body: { channel: 'public:chat', data: [{ data: { input: 'hello' } }] },
    });
  });

  it('channels', async () => {
    mock.addClient({ user: '42', channels: ['public:chat', 'news'] });
    const reply = await call('channels', {});
    expect((reply.body as { data: string[] }).data.sort()).toEqual(['news', 'public:chat']);
  });

  it('stats', async () => {
    expect(await call('stats', {})).toMatchObject({ body: { data: { nodes: [{ uid: mock.nodeInfo.uid }] } } });
  });

  it('node', async () => {
    expect(await call('node', {})).toMatchObject({
      body: { data: { uid: mock.nodeInfo.uid, name: mock.nodeInfo.name } },
    });
  });
});
