import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { EmitterSetupError } from '../emit/emitter.js';
import { SchemaSetError, formatProblem, formatProblemIn, schemaSetLabel } from '../validate/problem.js';
import { CliUsageError, type CliIo } from './io.js';
import { COMMAND_USAGE, USAGE, type CommandName } from './usage.js';
import { packageFile } from '../package-dir.js';

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

const OPTIONS = {
  generate: {
    ...HELP,
    config: { type: 'string' },
    schema: { type: 'string' },
    out: { type: 'string' },
    protocol: { type: 'string' },
    check: { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  diff: { ...HELP, json: { type: 'boolean' }, 'fail-on': { type: 'string' }, side: { type: 'string' } },
  contract: {
    ...HELP,
    address: { type: 'string' },
    secret: { type: 'string' },
    'api-key': { type: 'string' },
    insecure: { type: 'boolean' },
    schema: { type: 'string' },
    protocol: { type: 'string' },
    config: { type: 'string' },
    transport: { type: 'string' },
    channel: { type: 'string' },
    junit: { type: 'string' },
    timeout: { type: 'string' },
  },
} as const;

/** The one CLI boundary: runs a command, prints `centkit: message` on failure, returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      // Each command's modules load only when it runs: --help, --version and diff need no emitter.
      case 'generate':
        return await withHelp('generate', rest, io, async (parsed) =>
          (await import('./generate-command.js')).generateCommand(parsed, io),
        );
      case 'diff':
        return await withHelp('diff', rest, io, async (parsed) =>
          (await import('./diff-command.js')).diffCommand(parsed, io),
        );
      case 'contract':
        return await withHelp('contract', rest, io, async (parsed) =>
          (await import('./contract-command.js')).contractCommand(parsed, io),
        );
      case '--version':
      case '-v':
      case 'version':
        io.stdout.write(`centkit ${await version()}\n`);
        return 0;
      case 'help':
        return help(rest[0], io);
      case undefined:
      case '--help':
      case '-h':
        io.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new CliUsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return report(error, command, io);
  }
}

async function withHelp<C extends CommandName>(
  name: C,
  args: readonly string[],
  io: CliIo,
  run: (parsed: ReturnType<typeof parse<(typeof OPTIONS)[C]>>) => Promise<number>,
): Promise<number> {
  const parsed = parse(args, OPTIONS[name]);
  if ((parsed.values as { help?: boolean }).help === true) {
    io.stdout.write(`${COMMAND_USAGE[name]}\n`);
    return 0;
  }
  return run(parsed);
}

function help(topic: string | undefined, io: CliIo): number {
  if (topic === undefined) io.stdout.write(`${USAGE}\n`);
  else if (Object.hasOwn(COMMAND_USAGE, topic)) io.stdout.write(`${COMMAND_USAGE[topic as CommandName]}\n`);
  else throw new CliUsageError(`no command "${topic}"`);
  return 0;
}

/** Each failure as `centkit: ...` on stderr, with its exit code: 1 bad input, 2 usage, 3 a bug. */
function report(error: unknown, command: string | undefined, io: CliIo): number {
  if (error instanceof CliUsageError) {
    const usage =
      command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? COMMAND_USAGE[command as CommandName] : USAGE;
    io.stderr.write(`centkit: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (error instanceof SchemaSetError) {
    const folder = error.source === undefined ? undefined : shown(error.source, io.cwd);
    io.stderr.write(
      `centkit: ${schemaSetLabel(folder)} has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was written:\n`,
    );
    for (const p of error.problems) io.stderr.write(`${formatProblemIn(p, folder)}\n`);
    return 1;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(
      `centkit: the config ${error.file} has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was written:\n`,
    );
    for (const p of error.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return 1;
  }
  if (error instanceof EmitterSetupError) {
    io.stderr.write(`centkit: ${error.message}; nothing was written\n`);
    return 1;
  }
  io.stderr.write(
    `centkit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 3;
}

/** An absolute folder as messages show it: relative to the working directory when inside it. */
function shown(folder: string, cwd: string): string {
  if (!path.isAbsolute(folder)) return folder;
  const relative = path.relative(cwd, folder);
  return relative === '' ? '.' : relative.startsWith('..') ? folder : relative.split(path.sep).join('/');
}

async function version(): Promise<string> {
  const manifest = JSON.parse(await readFile(packageFile('package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

type Spec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<const S extends Spec>(args: readonly string[], options: S) {
  try {
    return parseArgs({ args: [...args], options: options as NonNullable<S>, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}
