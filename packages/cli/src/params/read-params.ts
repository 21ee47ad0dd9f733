/**
 * The params of a single call. `--params JSON` when given (`--params -` reads stdin); otherwise
 * stdin when it is not a terminal (empty or blank input means `{}`), as cent did; otherwise `{}`.
 * Unlike cent, an explicit `--params` is never replaced by stdin, and stdin is then not read.
 */
import { paramsError } from '../errors.js';
import { MAX_STDIN_PARAMS_BYTES } from '../input/limits.js';
import { collectBounded, InputError } from '../input/read-bounded.js';
import type { CliIo } from '../io.js';
import { kindOf, parseJson } from './parse-json.js';

export interface ParamsInput {
  readonly value: Record<string, unknown>;
  /** `--params`, `stdin` or `default`. */
  readonly source: string;
}

const EXAMPLE = 'e.g. --params \'{"channel":"news","data":{"text":"hi"}}\'';

export async function readParams(flag: string | undefined, io: CliIo): Promise<ParamsInput> {
  const fromStdin = flag === '-' || (flag === undefined && !io.stdinIsTty);
  if (flag === undefined && !fromStdin) return { value: {}, source: 'default' };
  const source = fromStdin ? 'stdin' : '--params';
  const text = fromStdin ? await readStdin(io) : (flag ?? '');
  if (text.trim() === '') return { value: {}, source };
  const value = parseJson(text, `params from ${source}`, `Pass one JSON object, ${EXAMPLE}.`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw paramsError(
      `params from ${source} must be a JSON object, not ${kindOf(value)}`,
      `Pass one JSON object, ${EXAMPLE}.`,
    );
  }
  return { value: value as Record<string, unknown>, source };
}

async function readStdin(io: CliIo): Promise<string> {
  try {
    return (await collectBounded(io.stdin(), MAX_STDIN_PARAMS_BYTES)).toString('utf8');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const problem =
      error.problem === 'too-large'
        ? `is larger than ${error.limit >> 20} MiB, more than any request can carry`
        : `cannot be read (${error.message})`;
    throw paramsError(`params from stdin ${problem}`, 'Pass one JSON object per call; for many commands, use --batch.');
  }
}
