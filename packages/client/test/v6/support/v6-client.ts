/**
 * The generated v6 client (src/v6/gen/client.gen.ts) with the two escape hatches error tests
 * need and the generated surface rightly lacks: a call of any method with any params, and a
 * batch command of any method. Everything else the tests use is the generated glue itself.
 */
import {
  Client,
  type Append,
  type Batch,
  type BatchEntry,
  type CallOptions,
  type ClientOptions,
  type ProtocolBinding,
} from '../../../src/v6/index.js';
import { protocolBinding } from '../../../src/v6/gen/client.gen.js';

export { protocolBinding };

const { batch, ...descriptor } = protocolBinding.transport;
if (batch?.item !== 'keyed') throw new Error('the generated v6 transport has no keyed batch');
/** The generated transport descriptor (its keyed batch typed as such), for tests that vary it. */
export const HTTP_API = { ...descriptor, batch };

export class TestClient extends Client {
  constructor(options: ClientOptions, protocol?: Partial<ProtocolBinding>) {
    super(options, protocol);
  }

  /** Any method with any params. */
  callRaw(method: string, params: unknown, options?: CallOptions): Promise<unknown> {
    return this.call(method as never, params as never, options);
  }
}

/** `batch` with one more command of any method and params (through the protected `push`). */
export function rawCommand<T extends readonly BatchEntry<unknown>[]>(
  batch: Batch<T>,
  method: string,
  params: unknown,
): Batch<Append<T, BatchEntry<unknown>>> {
  return (batch as unknown as { push(method: string, params: unknown): Batch<Append<T, BatchEntry<unknown>>> }).push(
    method,
    params,
  );
}
