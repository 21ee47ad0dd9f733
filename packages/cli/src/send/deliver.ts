/**
 * Sends the requests one after another through one client and prints one reply per command on
 * stdout as each request is answered (with `--raw`: each reply body as received, judged by
 * `failuresInRaw`), and turns the outcome into an exit code: 0, or 1 when a reply carried an
 * error. Transport and HTTP failures become `CliError`s (see `map-error.ts`), which say what
 * earlier requests already did.
 */
import type { Settings } from '../config/resolve-settings.js';
import { CliError, EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { describeFailures, failuresInRaw, failuresOf, formatEntry, type Failure } from '../output.js';
import type { Verbose } from '../verbose.js';
import { mapSendError } from './map-error.js';
import type { Encoding } from './request-size.js';
import { openSender } from './send-commands.js';
import type { Numbered } from './split-requests.js';

export interface DeliverOptions {
  readonly raw: boolean;
  readonly encoding: Encoding;
  /** Batch mode: commands carry their line in the batch file. */
  readonly batch: boolean;
}

export async function deliver(
  settings: Settings,
  requests: AsyncIterable<readonly Numbered[]>,
  options: DeliverOptions,
  io: CliIo,
  verbose: Verbose,
): Promise<number> {
  const sender = openSender(settings, options.encoding);
  let answered = 0;
  let request = 0;
  let failed = 0;
  let first: (Failure & { line: number | undefined }) | undefined;
  let lastLine: number | undefined;
  try {
    for await (const commands of requests) {
      request++;
      const names =
        commands
          .slice(0, 5)
          .map((c) => c.method)
          .join(', ') + (commands.length > 5 ? ` and ${commands.length - 5} more` : '');
      verbose.log(
        `POST ${settings.apiUrl}${request > 1 ? ` (request ${request})` : ''} with ${commands.length} command${commands.length === 1 ? '' : 's'}: ${names}`,
      );
      const started = io.now();
      const elapsed = (): string => `${Math.round(io.now() - started)} ms`;
      let failures: Failure[];
      try {
        if (options.raw) {
          const body = await sender.sendRaw(commands);
          verbose.log(`reply (${body.length} bytes) in ${elapsed()}`);
          io.stdout.write(body);
          const found = failuresInRaw(body, commands.length, answered);
          if (found === undefined) {
            throw new CliError(
              'malformedReply',
              `the reply from ${settings.apiUrl} is not the array of ${commands.length} replies Centrifugo sends`,
              'It is printed above as received.',
            );
          }
          failures = found;
        } else {
          const entries = await sender.send(commands);
          verbose.log(`reply in ${elapsed()}`);
          for (const entry of entries) io.stdout.write(formatEntry(entry, io.stdoutIsTty));
          failures = failuresOf(entries, answered);
        }
      } catch (error) {
        if (!(error instanceof CliError)) verbose.log(`failed after ${elapsed()}`);
        throw mapSendError(error, settings, { batch: options.batch, request, answered, lastAnsweredLine: lastLine });
      }
      const f = failures[0];
      if (first === undefined && f !== undefined) first = { ...f, line: commands[f.index - answered]?.line };
      failed += failures.length;
      answered += commands.length;
      lastLine = commands.at(-1)?.line;
    }
  } catch (error) {
    // A bad line of a batch read from stdin, found after earlier requests went out.
    if (error instanceof CliError && error.kind === 'params' && answered > 0) {
      const earlier = `nothing from it on was sent, but the ${answered} commands before it (up to batch line ${lastLine ?? '?'}) were, in earlier requests, and their replies are on stdout`;
      throw new CliError(error.kind, `${error.problem}; ${earlier}`, error.fix);
    }
    throw error;
  } finally {
    await sender.close();
  }
  if (first === undefined) return EXIT.ok;
  const failure = first;
  const lineOf = (index: number): string =>
    failure.line === undefined ? `#${index + 1}` : `(batch line ${failure.line})`;
  io.stderr.write(`cent: ${describeFailures(failure, failed, answered, lineOf)}.\n`);
  return EXIT.commandFailed;
}
