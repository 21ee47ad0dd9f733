/**
 * The legacy `POST /api` route of Centrifugo v6 in the v6 fidelity check: the body is a stream
 * of `{"id"?, "method", "params"}` objects, answered by one line each, joined with `\n`. A method
 * string the table does not know, or anything but an object, makes the whole request HTTP 400
 * (after the commands before it ran). Each reply line's result is checked against the result
 * schema of the method the command named.
 */
import { readLegacyCommands } from '../../packages/mock/src/v6/api/legacy.js';
import { withSampleValues } from './golden-v6/placeholders.js';
import type { GoldenResponse } from './golden-v6/transcript.js';

export interface LegacyChecks {
  checkResult(name: string, method: string, result: unknown): void;
  checkSoft(name: string, method: string | undefined, err: { code?: unknown; message?: unknown }): unknown;
  checkHardBody(name: string, status: number, body: string): void;
  fail(name: string, what: string): void;
}

/** Checks one legacy exchange; returns how many reply lines were checked. */
export function checkLegacy(name: string, body: string, res: GoldenResponse, c: LegacyChecks): number {
  // The commands as the server reads them (the mock's reader): `method` undefined answers 104.
  const { commands, refused } = readLegacyCommands(body);
  if (refused) {
    if (res.status !== 400)
      c.fail(
        name,
        `legacy: answered ${res.status}, predicted 400 (a value that is not a command, or an unknown method name)`,
      );
    else c.checkHardBody(name, 400, res.body);
    return 0;
  }
  if (res.status !== 200) {
    c.fail(name, `legacy: answered ${res.status} to ${commands.length} decodable commands`);
    return 0;
  }
  const replies = withSampleValues(res.body).split('\n');
  if (replies.length !== commands.length)
    c.fail(name, `legacy: ${replies.length} reply lines for ${commands.length} commands`);
  replies.forEach((text, i) => {
    const command = commands[i];
    const reply = JSON.parse(text) as { id?: number; result?: unknown; error?: { code?: unknown; message?: unknown } };
    if (command === undefined) return;
    if (reply.error !== undefined) c.checkSoft(`${name} #${i}`, command.method, reply.error);
    else if (command.method === undefined)
      c.fail(name, `legacy: a method the table does not run (a PRO name or number) got a result`);
    else c.checkResult(`${name} #${i}`, command.method, reply.result);
  });
  return replies.length;
}
