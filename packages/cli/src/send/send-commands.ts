/**
 * Commands sent as ONE request through the client's add/send buffer (`ClientCore`), never split
 * and never retried: the CLI reports what happened and leaves retrying to the caller.
 */
import { ClientCore, type BatchEntry, type Command, type MethodTable, type MethodTypeMap } from '@centkit/client';
import { helpData } from '../gen/help.gen.js';
import type { Settings } from '../config/resolve-settings.js';

const methodTable: MethodTable = Object.fromEntries(helpData.methods.map((m) => [m.name, { effect: m.effect }]));

export async function sendCommands(settings: Settings, commands: readonly Command[]): Promise<BatchEntry<unknown>[]> {
  const client = new ClientCore<MethodTypeMap>(
    { address: settings.address.value, secret: settings.secret.value, timeout: settings.timeout.value * 1000, maxBatchSize: Infinity },
    methodTable,
  );
  try {
    for (const { method, params } of commands) client.add(method, params);
    return await client.send();
  } finally {
    await client.close();
  }
}
