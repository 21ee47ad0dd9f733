/**
 * Recorded commands of the 1.x mock typed by method (issue 16 §14): naming a method in
 * `commands()` or `waitFor()`, or narrowing with `isCommandOf`, types `params` as that method's
 * params. The type assertions are checked by `npm run typecheck-tests`; the values at run time.
 */
import type { BroadcastParams, HistoryParams, PublishParams } from '@centkit/validators';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isCommandOf, type RecordedCommand } from '../src/index.js';
import { useMockCentrifugo } from '../src/vitest.js';
import { postSigned } from './support/http.js';

const mock = useMockCentrifugo({
  secret: 's',
  config: { namespaces: [{ name: 'public', history_size: 5, history_lifetime: 60 }] },
});

const send = (commands: unknown) => postSigned(mock, commands);

describe('recorded commands typed by method (1.x)', () => {
  it('commands({ method }) and waitFor({ method }) give that method’s params type', async () => {
    const later = mock.waitFor({ method: 'broadcast' }, { timeout: 2000 });
    expect(
      await send([
        { method: 'publish', params: { channel: 'public:a', data: { n: 1 } } },
        { method: 'history', params: { channel: 'public:a' } },
        { method: 'broadcast', params: { channels: ['public:a', 'public:b'], data: 2 } },
      ]),
    ).toBe(200);

    const [publish] = mock.commands({ method: 'publish' });
    expectTypeOf(publish!.params).toEqualTypeOf<PublishParams | undefined>();
    expect(publish!.params?.channel).toBe('public:a');
    expect(publish!.params?.data).toEqual({ n: 1 });

    const history = await mock.waitFor({ method: 'history' });
    expectTypeOf(history.params).toEqualTypeOf<HistoryParams | undefined>();
    expect(history.params?.channel).toBe('public:a');

    const broadcast = await later;
    expectTypeOf(broadcast.method).toEqualTypeOf<'broadcast'>();
    expectTypeOf(broadcast.params).toEqualTypeOf<BroadcastParams | undefined>();
    expect(broadcast.params?.channels).toEqual(['public:a', 'public:b']);
  });

  it('isCommandOf narrows one command; a method the protocol lacks stays a string with unknown params', async () => {
    expect(await send({ method: 'publish', params: { channel: 'public:c', data: 3 } })).toBe(200);
    // Centrifugo 1.8 refuses the whole request for a method it lacks; the mock still records it.
    expect(await send({ method: 'pubish', params: { channel: 'public:c' } })).toBe(400);
    const all: RecordedCommand[] = mock.commands();
    expect(all.map((c) => [c.method, c.outcome])).toEqual([
      ['publish', 'ok'],
      ['pubish', 'rejected'],
    ]);
    const [first, typo] = all;
    expectTypeOf(first!.params).toEqualTypeOf<unknown>();
    if (!isCommandOf(first!, 'publish')) throw new Error('the first command is a publish');
    expectTypeOf(first.params).toEqualTypeOf<PublishParams | undefined>();
    expect(first.params?.channel).toBe('public:c');
    expect(isCommandOf(typo!, 'publish')).toBe(false);
    expect(typo!.params).toEqual({ channel: 'public:c' });
  });
});
