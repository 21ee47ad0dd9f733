/**
 * Sends the commands through the client and prints one reply per command on stdout (with
 * `--raw`: the reply body as received, judged by `failuresInRaw`), and turns the outcome into an
 * exit code: 0, or 1 when a reply carried an error.
 * Transport and HTTP failures become `CliError`s (see `map-error.ts`).
 */
import type { Command } from '@centkit/client';
import type { Settings } from '../config/resolve-settings.js';
import { CliError, EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { describeFailures, failuresInRaw, failuresOf, formatEntry, type Failure } from '../output.js';
import type { Verbose } from '../verbose.js';
import { mapSendError } from './map-error.js';
import { sendCommands, sendCommandsRaw } from './send-commands.js';

export interface DeliverOptions {
  readonly raw: boolean;
  /** Batch mode: commands carry their line in the batch file. */
  readonly lines: readonly number[] | undefined;
}

export async function deliver(settings: Settings, commands: readonly Command[], options: DeliverOptions, io: CliIo, verbose: Verbose): Promise<number> {
  const names = commands.slice(0, 5).map((c) => c.method).join(', ') + (commands.length > 5 ? ` and ${commands.length - 5} more` : '');
  verbose.log(`POST ${settings.apiUrl} with ${commands.length} command${commands.length === 1 ? '' : 's'}: ${names}`);
  const started = io.now();
  const elapsed = (): string => `${Math.round(io.now() - started)} ms`;
  let failures: Failure[];
  try {
    if (options.raw) {
      const body = await sendCommandsRaw(settings, commands);
      verbose.log(`reply (${body.length} bytes) in ${elapsed()}`);
      io.stdout.write(body);
      const found = failuresInRaw(body, commands.length);
      if (found === undefined) {
        throw new CliError('malformedReply', `the reply from ${settings.apiUrl} is not the array of ${commands.length} replies Centrifugo sends`, 'It is printed above as received.');
      }
      failures = found;
    } else {
      const entries = await sendCommands(settings, commands);
      verbose.log(`reply in ${elapsed()}`);
      for (const entry of entries) io.stdout.write(formatEntry(entry, io.stdoutIsTty));
      failures = failuresOf(entries);
    }
  } catch (error) {
    if (!(error instanceof CliError)) verbose.log(`failed after ${elapsed()}`);
    throw mapSendError(error, settings, options.lines !== undefined);
  }
  if (failures.length === 0) return EXIT.ok;
  const lineOf = (index: number): string => (options.lines === undefined ? `#${index + 1}` : `(batch line ${options.lines[index] ?? '?'})`);
  io.stderr.write(`cent: ${describeFailures(failures, commands.length, lineOf)}.\n`);
  return EXIT.commandFailed;
}
