import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countResults, formatContractText } from '../contract/format-report.js';
import { formatJunit } from '../contract/junit.js';
import { ContractUsageError, runContract, type Credentials } from '../contract/run-contract.js';
import { CliUsageError, type CliIo } from './io.js';
import { pickProtocol } from './pick-protocol.js';

interface Parsed {
  readonly values: {
    address?: string | undefined;
    secret?: string | undefined;
    'api-key'?: string | undefined;
    insecure?: boolean | undefined;
    schema?: string | undefined;
    protocol?: string | undefined;
    config?: string | undefined;
    transport?: string | undefined;
    channel?: string | undefined;
    junit?: string | undefined;
    timeout?: string | undefined;
  };
  readonly positionals: string[];
}

/** `centkit contract`: probe every method on a live server and check each reply against the schemas. */
export async function contractCommand(
  { values, positionals }: Parsed,
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}"`);
  if (values.address === undefined)
    throw new CliUsageError('contract needs --address URL (e.g. http://127.0.0.1:8000)');
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw new CliUsageError(`--timeout takes milliseconds, not "${values.timeout}"`);
  try {
    new URL(values.address);
  } catch {
    throw new CliUsageError(`--address is not a URL: "${values.address}"`);
  }
  const schemaDir = await pickProtocol(values, io.cwd);

  let report;
  try {
    report = await runContract({
      schemaDir,
      cwd: io.cwd,
      address: values.address,
      credentials: credentials(values, env),
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

/** The credentials from the options, else from the environment; `--insecure` sends none. */
function credentials(values: Parsed['values'], env: NodeJS.ProcessEnv): Credentials {
  if (values.insecure === true) {
    if (values.secret !== undefined || values['api-key'] !== undefined)
      throw new CliUsageError('--insecure sends no credentials; drop --secret and --api-key');
    return { insecure: true };
  }
  const secret = values.secret ?? nonEmpty(env['CENTKIT_SECRET']);
  const apiKey = values['api-key'] ?? nonEmpty(env['CENTKIT_API_KEY']);
  return { insecure: false, ...(secret === undefined ? {} : { secret }), ...(apiKey === undefined ? {} : { apiKey }) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
