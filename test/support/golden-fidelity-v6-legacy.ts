/**
 * The legacy `POST /api` route of Centrifugo v6 in the v6 fidelity check: the body is a stream
 * of `{"id"?, "method", "params"}` objects, answered by one line each, joined with `\n`. A method
 * string the table does not know, or anything but an object, makes the whole request HTTP 400
 * (after the commands before it ran). Each reply line's result is checked against the result
 * schema of the method the command named.
 */
import { GoJsonSyntaxError, isGoObject, parseGoJson, rawGoField, toPlain, type GoValue } from './go-json.js';
import { withSampleValues } from './golden-v6/placeholders.js';
import type { GoldenResponse } from './golden-v6/transcript.js';
import { LEGACY_METHODS, LEGACY_PRO_NAMES, splitJsonStream } from './v6-http-rules.js';

export interface LegacyChecks {
  decodeParams(method: string, body: string): { outcome: string; detail: string };
  checkResult(name: string, method: string, result: unknown): void;
  checkSoft(name: string, method: string | undefined, err: { code?: unknown; message?: unknown }): unknown;
  checkHardBody(name: string, status: number, body: string): void;
  fail(name: string, what: string): void;
}

const COMMAND_FIELDS = new Map([['id', 'raw'], ['method', 'raw'], ['params', 'raw']] as const);

/** The OSS method a command names, `pro` for a name or number that answers 104, or undefined when the decode fails. */
function methodOf(command: GoValue): string | 'pro' | undefined {
  const field = rawGoField(command, 'method', COMMAND_FIELDS);
  if (field === undefined || field === null) return 'publish';
  const value = toPlain(field);
  if (typeof value === 'string') {
    const name = value.toLowerCase();
    if (LEGACY_METHODS.some(([m]) => m === name)) return name;
    return LEGACY_PRO_NAMES.includes(name) ? 'pro' : undefined;
  }
  if (typeof value === 'number' && Number.isInteger(value)) return LEGACY_METHODS.find(([, n]) => n === value)?.[0] ?? 'pro';
  return undefined;
}

/** Checks one legacy exchange; returns how many reply lines were checked. */
export function checkLegacy(name: string, body: string, res: GoldenResponse, c: LegacyChecks): number {
  const { values, rest } = splitJsonStream(body);
  const commands: { method: string | 'pro'; params: GoValue | undefined }[] = [];
  let refused = body.trim() === '' || rest.trim() !== '';
  for (const text of values) {
    let tree: GoValue;
    try {
      tree = parseGoJson(text, { numbers: 'literal' });
    } catch (error) {
      if (!(error instanceof GoJsonSyntaxError)) throw error;
      refused = true;
      break;
    }
    const method = isGoObject(tree) ? methodOf(tree) : undefined;
    if (method === undefined) {
      refused = true;
      break;
    }
    commands.push({ method, params: rawGoField(tree, 'params', COMMAND_FIELDS) });
  }
  if (refused) {
    if (res.status !== 400) c.fail(name, `legacy: answered ${res.status}, predicted 400 (a value that is not a command, or an unknown method name)`);
    else c.checkHardBody(name, 400, res.body);
    return 0;
  }
  if (res.status !== 200) {
    c.fail(name, `legacy: answered ${res.status} to ${commands.length} decodable commands`);
    return 0;
  }
  const replies = withSampleValues(res.body).split('\n');
  if (replies.length !== commands.length) c.fail(name, `legacy: ${replies.length} reply lines for ${commands.length} commands`);
  replies.forEach((text, i) => {
    const command = commands[i];
    const reply = JSON.parse(text) as { id?: number; result?: unknown; error?: { code?: unknown; message?: unknown } };
    if (command === undefined) return;
    if (reply.error !== undefined) c.checkSoft(`${name} #${i}`, command.method === 'pro' ? undefined : command.method, reply.error);
    else if (command.method === 'pro') c.fail(name, `legacy: a PRO method got a result`);
    else c.checkResult(`${name} #${i}`, command.method, reply.result);
  });
  return replies.length;
}
