/**
 * One client for a run of `cent`, through which each request goes: one `send()` of the
 * client's add/send buffer (`ClientCore`) per request, never split further and never retried:
 * the CLI reports what happened and leaves retrying to the caller.
 */
import {
  CentMalformedReplyError,
  ClientCore,
  type BatchEntry,
  type CallOptions,
  type Command,
  type MethodTable,
  type MethodTypeMap,
} from '@centkit/client';
import { helpData } from '../gen/help.gen.js';
import type { Settings } from '../config/resolve-settings.js';
import type { Encoding } from './request-size.js';

const methodTable: MethodTable = Object.fromEntries(helpData.methods.map((m) => [m.name, { effect: m.effect }]));

export interface Sender {
  send(commands: readonly Command[], options?: CallOptions): Promise<BatchEntry<unknown>[]>;
  /**
   * `--raw`: the same request, and the 2xx reply body byte for byte (`onReply`). A 2xx body the
   * client finds malformed is still returned, for the caller to print and judge; failures with
   * no 2xx reply (non-2xx, transport, timeout) reject with the client's errors, as `send` does.
   */
  sendRaw(commands: readonly Command[]): Promise<Buffer>;
  close(): Promise<void>;
}

export function openSender(settings: Settings, encoding: Encoding): Sender {
  const client = new ClientCore<MethodTypeMap>(
    {
      address: settings.address.value,
      secret: settings.secret.value,
      timeout: settings.timeout.value * 1000,
      maxBatchSize: Infinity,
      encoding,
    },
    methodTable,
  );
  const send = (commands: readonly Command[], options?: CallOptions): Promise<BatchEntry<unknown>[]> => {
    for (const { method, params } of commands) client.add(method, params);
    return client.send(options);
  };
  return {
    send,
    async sendRaw(commands) {
      let reply: Buffer | undefined;
      const onReply = (body: Buffer, status: number): void => {
        if (status >= 200 && status < 300) reply = body;
      };
      try {
        await send(commands, { onReply });
      } catch (error) {
        if (!(error instanceof CentMalformedReplyError) || reply === undefined) throw error;
      }
      if (reply === undefined) throw new Error('unreachable: a request that resolved had a 2xx reply');
      return reply;
    },
    close: () => client.close(),
  };
}
