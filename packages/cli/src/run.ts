/**
 * `cent`: the one boundary. Parses the command line, resolves the settings, reads and checks
 * the params, sends, prints, and returns the exit code. Every failure arrives here as a
 * `CliError` and leaves as one line on stderr: `cent: <problem>. <fix>`.
 *
 * The sending side (settings, the client, validators) is imported only when a command is
 * sent, so `--help`, `--version` and usage errors start faster.
 */
import { createRequire } from 'node:module';
import { parseInvocation, type Invocation } from './args.js';
import { DEFAULT_CONFIG, readCentrc } from './config/read-centrc.js';
import type { Settings } from './config/resolve-settings.js';
import { CliError, EXIT, usageError } from './errors.js';
import { helpData } from './gen/help.gen.js';
import type { CliIo } from './io.js';
import { checkMethod, isKnownMethod } from './params/check-method.js';
import { checkParams } from './params/check-params.js';
import { noCommands, openBatch, type BatchLine } from './params/read-batch.js';
import { readParams } from './params/read-params.js';
import { createVerbose, type Verbose } from './verbose.js';

/** Exit code for a failure the CLI did not foresee (a bug): sysexits' EX_SOFTWARE. */
export const EXIT_INTERNAL = 70;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const invocation = parseInvocation(argv);
    switch (invocation.kind) {
      case 'help':
        return await help(invocation.topic, invocation.strict, io);
      case 'version':
        return await version(io);
      case 'call':
        return await call(invocation, io);
      case 'batch':
        return await batch(invocation, io);
      default: {
        const never: never = invocation;
        return never;
      }
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`${error.format()}\n`);
      return error.exitCode;
    }
    const name = error instanceof Error ? error.name : 'Error';
    io.stderr.write(
      `cent: internal error (${name}). This is a bug in cent: please report it with the command line (without the secret).\n`,
    );
    return EXIT_INTERNAL;
  }
}

async function call(invocation: Extract<Invocation, { kind: 'call' }>, io: CliIo): Promise<number> {
  const { section, method, options } = invocation;
  if (options.validate && !isKnownMethod(method)) {
    if (section === undefined) await explainLoneSection(method, options.config, io);
    checkMethod(method, 'usage');
  }
  const verbose = createVerbose(options.verbose, io);
  const [{ resolveSettings }, { deliver }, { splitRequests }] = await Promise.all([
    import('./config/resolve-settings.js'),
    import('./send/deliver.js'),
    import('./send/split-requests.js'),
  ]);
  const settings = await resolveSettings(section, options, io);
  logSettings(settings, verbose);
  const params = await readParams(invocation.params, io);
  verbose.log(`params from ${params.source}`);
  if (options.validate) await checkParams(method, params.value);
  const requests = splitRequests([{ method, params: params.value }], options.encoding);
  return deliver(settings, requests, { raw: options.raw, encoding: options.encoding, batch: false }, io, verbose);
}

async function batch(invocation: Extract<Invocation, { kind: 'batch' }>, io: CliIo): Promise<number> {
  const { options } = invocation;
  const verbose = createVerbose(options.verbose, io);
  const [{ resolveSettings }, { deliver }, { splitRequests }] = await Promise.all([
    import('./config/resolve-settings.js'),
    import('./send/deliver.js'),
    import('./send/split-requests.js'),
  ]);
  const settings = await resolveSettings(invocation.section, options, io);
  logSettings(settings, verbose);
  const source = openBatch(invocation.batch, io);
  const checked = async function* (lines: AsyncIterable<BatchLine>): AsyncGenerator<BatchLine> {
    let count = 0;
    for await (const command of lines) {
      if (options.validate) {
        const where = ` on batch line ${command.line}`;
        checkMethod(command.method, 'params', where);
        await checkParams(command.method, command.params, where);
      }
      count++;
      yield command;
    }
    if (count === 0) throw noCommands(source);
  };
  // A file is checked whole before anything is sent; stdin, read once, request by request.
  if (source.rereadable) for await (const _ of checked(source.lines()));
  const commands = source.rereadable ? source.lines() : checked(source.lines());
  const requests = splitRequests(commands, options.encoding);
  return deliver(settings, requests, { raw: options.raw, encoding: options.encoding, batch: true }, io, verbose);
}

/** `cent local` (a section, no method) reads as METHOD `local`: say what is missing instead. */
async function explainLoneSection(word: string, config: string | undefined, io: CliIo): Promise<void> {
  const shown = config ?? DEFAULT_CONFIG;
  const file = await readCentrc(shown, io.homedir).catch(() => undefined);
  if (file?.sections.has(word)) {
    throw usageError(
      `missing METHOD after section ${word}`,
      `Usage: cent ${word} METHOD [--params JSON]; cent --help lists the methods.`,
    );
  }
}

function logSettings(settings: Settings, verbose: Verbose): void {
  verbose.log(
    `server ${settings.apiUrl} (address from ${settings.address.source}); secret from ${settings.secret.source}; timeout ${settings.timeout.value} s (${settings.timeout.source})`,
  );
}

async function help(topic: string | undefined, strict: boolean, io: CliIo): Promise<number> {
  const { renderGeneralHelp, renderMethodHelp } = await import('./help/render-help.js');
  const method = helpData.methods.find((m) => m.name === topic);
  if (method !== undefined) {
    io.stdout.write(renderMethodHelp(method));
    return EXIT.ok;
  }
  if (topic !== undefined && strict) checkMethod(topic, 'usage');
  io.stdout.write(renderGeneralHelp(helpData));
  return EXIT.ok;
}

async function version(io: CliIo): Promise<number> {
  // By the package's own name, not a path relative to this file: this code also runs from the bundle.
  const manifest = createRequire(import.meta.url)('@centkit/cli/package.json') as { version?: unknown };
  io.stdout.write(
    `cent ${String(manifest.version)} (${helpData.protocol.name}, Centrifugo ${helpData.protocol.version})\n`,
  );
  return EXIT.ok;
}
