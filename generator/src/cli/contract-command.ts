import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countResults, formatContractText } from '../contract/format-report.js';
import { formatJunit } from '../contract/junit.js';
import { ContractUsageError, runContract } from '../contract/run-contract.js';
import { DEFAULT_SCHEMA } from './generate-command.js';
import { CliUsageError, type CliIo } from './io.js';

interface Parsed {
  readonly values: {
    address?: string | undefined;
    secret?: string | undefined;
    channel?: string | undefined;
    junit?: string | undefined;
    insecure?: boolean | undefined;
    schema?: string | undefined;
    transport?: string | undefined;
    timeout?: string | undefined;
  };
  readonly positionals: string[];
}

/** `centkit contract`: probe every method on a live server and check each reply against the schemas. */
export async function contractCommand({ values, positionals }: Parsed, io: CliIo): Promise<number> {
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  if (values.address === undefined) throw new CliUsageError('contract needs --address URL (e.g. http://127.0.0.1:8000)');
  if (values.secret === undefined && values.insecure !== true) throw new CliUsageError('contract needs --secret S (or --insecure for a server that skips the sign check)');
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new CliUsageError(`--timeout takes milliseconds, not "${values.timeout}"`);
  try {
    new URL(values.address);
  } catch {
    throw new CliUsageError(`--address is not a URL: "${values.address}"`);
  }

  let report;
  try {
    report = await runContract({
      schemaDir: path.resolve(io.cwd, values.schema ?? DEFAULT_SCHEMA),
      cwd: io.cwd,
      address: values.address,
      secret: values.secret,
      insecure: values.insecure === true,
      ...(values.channel === undefined ? {} : { channel: values.channel }),
      ...(values.transport === undefined ? {} : { transport: values.transport }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
  } catch (error) {
    if (error instanceof ContractUsageError) throw new CliUsageError(error.message);
    throw error;
  }
  io.stdout.write(formatContractText(report));
  if (values.junit !== undefined) await writeFile(path.resolve(io.cwd, values.junit), formatJunit(report), 'utf8');
  return countResults(report).fail === 0 ? 0 : 1;
}
