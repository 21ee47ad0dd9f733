/**
 * A hand-written stand-in for the generated client (src/gen/client.gen.ts): a typed subclass of
 * the runtime for three methods, the way the emitter will write it.
 */
import type { BatchEntry, CallOptions, ClientOptions, MethodTable } from '../../src/index.js';
import { BatchCore, ClientCore } from '../../src/index.js';

export interface Message {
  uid: string;
  channel: string;
  data: unknown;
}

export interface TestMethods {
  [method: string]: { params: unknown; result: unknown };
  publish: { params: { channel: string; data: unknown; client?: string }; result: null };
  history: { params: { channel: string }; result: { channel: string; data: Message[] } };
  stats: { params: Record<string, never>; result: { data: { nodes: unknown[]; metrics_interval: number } } };
}

export const TEST_METHODS: MethodTable = {
  publish: { effect: 'write' },
  history: { effect: 'read' },
  stats: { effect: 'read' },
};

export class TestBatch<T extends readonly unknown[]> extends BatchCore<T> {
  publish(params: TestMethods['publish']['params']): TestBatch<[...T, BatchEntry<TestMethods['publish']['result']>]> {
    return this.push('publish', params);
  }

  history(params: TestMethods['history']['params']): TestBatch<[...T, BatchEntry<TestMethods['history']['result']>]> {
    return this.push('history', params);
  }

  stats(): TestBatch<[...T, BatchEntry<TestMethods['stats']['result']>]> {
    return this.push('stats', {});
  }

  /** Lets tests send any method (the generated batch has no such escape hatch). */
  raw(method: string, params: unknown): TestBatch<[...T, BatchEntry<unknown>]> {
    return this.push(method, params);
  }
}

export class TestClient extends ClientCore<TestMethods> {
  constructor(options: ClientOptions) {
    super(options, TEST_METHODS);
  }

  publish(params: TestMethods['publish']['params'], options?: CallOptions): Promise<null> {
    return this.call('publish', params, options);
  }

  history(params: TestMethods['history']['params'], options?: CallOptions): Promise<TestMethods['history']['result']> {
    return this.call('history', params, options);
  }

  stats(options?: CallOptions): Promise<TestMethods['stats']['result']> {
    return this.call('stats', {}, options);
  }

  /** Any method, for error tests. */
  callRaw(method: string, params: unknown, options?: CallOptions): Promise<unknown> {
    return this.call(method, params as never, options);
  }

  batch(): TestBatch<[]> {
    return new TestBatch<[]>((commands, options) => this.runCommands(commands, options));
  }
}
