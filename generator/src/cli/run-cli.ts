import { parseArgs } from 'node:util';
import { contractCommand } from './contract-command.js';
import { diffCommand } from './diff-command.js';
import { generateCommand } from './generate-command.js';
import { CliUsageError, type CliIo } from './io.js';
import { SchemaSetError, formatProblem } from '../validate/problem.js';

const USAGE = `usage: centkit <command> [options]

commands:
  generate [--schema DIR] [--out DIR] [--check] [--quiet]
      regenerate every package from a protocol definition (default schema/centrifugo-v1);
      --check writes nothing, lists stale files and exits 1 if any
  diff OLD_SCHEMA_DIR NEW_SCHEMA_DIR [--json] [--fail-on breaking|unknown|any] [--side callers|implementers]
      classify every change as breaking or compatible for callers and for implementers, and
      suggest a version bump; --fail-on exits 1 when a change at that level is found; a side
      may also be a snapshot file (docs/api/protocol.gen.json: what was last generated)
  contract --address URL --secret S [--channel C] [--junit FILE] [--insecure] [--schema DIR]
           [--transport ID] [--timeout MS]
      call every method on a live server with schema-derived params (publishing only into the
      contract channel, touching only made-up users) and check every reply against the schemas;
      exits 1 if a reply does not match

exit codes: 0 ok, 1 schema problems, stale files, changes at --fail-on or contract mismatches,
            2 usage error, 3 internal error`;

/** The one CLI boundary: runs a command, prints `centkit: message` on failure, returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'generate':
        return await generateCommand(parse(rest, { schema: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean' }, quiet: { type: 'boolean' } }), io);
      case 'diff':
        return await diffCommand(parse(rest, { json: { type: 'boolean' }, 'fail-on': { type: 'string' }, side: { type: 'string' } }), io);
      case 'contract':
        return await contractCommand(
          parse(rest, {
            address: { type: 'string' },
            secret: { type: 'string' },
            channel: { type: 'string' },
            junit: { type: 'string' },
            insecure: { type: 'boolean' },
            schema: { type: 'string' },
            transport: { type: 'string' },
            timeout: { type: 'string' },
          }),
          io,
        );
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new CliUsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`centkit: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof SchemaSetError) {
      io.stderr.write(`centkit: the schema set has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was written:\n`);
      for (const p of error.problems) io.stderr.write(`${formatProblem(p)}\n`);
      return 1;
    }
    io.stderr.write(`centkit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 3;
  }
}

type Spec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<const S extends Spec>(args: readonly string[], options: S) {
  try {
    return parseArgs({ args: [...args], options: options as NonNullable<S>, strict: true, allowPositionals: true });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}
