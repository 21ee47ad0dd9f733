/**
 * The command line, parsed with `node:util` `parseArgs` after expanding argparse-style
 * abbreviations (`--par` for `--params`, `--conf` for `--config`, as cent 1.1.0 accepted).
 *
 *   cent [SECTION] METHOD [--params JSON|-] [options]
 *   cent [SECTION] --batch FILE|- [options]
 *   cent help [METHOD]        cent [METHOD] --help        cent --version
 */
import { parseArgs } from 'node:util';
import { usageError } from './errors.js';

const OPTIONS = {
  params: { type: 'string' },
  config: { type: 'string' },
  address: { type: 'string' },
  secret: { type: 'string' },
  timeout: { type: 'string' },
  batch: { type: 'string' },
  encoding: { type: 'string' },
  raw: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  'no-validate': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

type OptionName = keyof typeof OPTIONS;
const NAMES = Object.keys(OPTIONS) as OptionName[];

export interface CommonOptions {
  readonly config: string | undefined;
  readonly address: string | undefined;
  readonly secret: string | undefined;
  readonly timeout: string | undefined;
  /** `form` (as cent 1.1.0; bodies up to Go's 10 MiB) or `json` (no server limit). */
  readonly encoding: 'form' | 'json';
  readonly raw: boolean;
  readonly verbose: boolean;
  readonly validate: boolean;
}

export type Invocation =
  /** `topic`: a method named with `help` (strict: must exist) or beside `--help` (loose). */
  | { readonly kind: 'help'; readonly topic: string | undefined; readonly strict: boolean }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'call';
      readonly section: string | undefined;
      readonly method: string;
      readonly params: string | undefined;
      readonly options: CommonOptions;
    }
  | {
      readonly kind: 'batch';
      readonly section: string | undefined;
      readonly batch: string;
      readonly options: CommonOptions;
    };

export function parseInvocation(argv: readonly string[]): Invocation {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; args: string[] }>
  >;
  try {
    parsed = parseArgs({ args: expandAbbreviations(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help', topic: positionals.at(-1), strict: false };
  if (positionals[0] === 'help') {
    if (positionals.length > 2) throw usageError(`unexpected argument ${positionals[2]}`, 'Usage: cent help [METHOD].');
    return { kind: 'help', topic: positionals[1], strict: true };
  }
  if (values.version === true) return { kind: 'version' };
  const options: CommonOptions = {
    config: values.config,
    address: values.address,
    secret: values.secret,
    timeout: values.timeout,
    encoding: parseEncoding(values.encoding),
    raw: values.raw === true,
    verbose: values.verbose === true,
    validate: values['no-validate'] !== true,
  };
  if (values.batch !== undefined) {
    if (values.params !== undefined)
      throw usageError('--params and --batch cannot be used together', "Put each command's params in the batch file.");
    if (positionals.length > 1) {
      throw usageError(
        `unexpected argument ${positionals[1]}`,
        'With --batch give at most a SECTION: the methods are in the batch file.',
      );
    }
    return { kind: 'batch', section: positionals[0], batch: values.batch, options };
  }
  if (positionals.length === 0) {
    throw usageError('missing METHOD', 'Usage: cent [SECTION] METHOD [--params JSON]; cent --help lists the methods.');
  }
  if (positionals.length > 2) {
    throw usageError(
      `unexpected argument ${positionals[2]}`,
      'Usage: cent [SECTION] METHOD [--params JSON]; quote the JSON so the shell keeps it one argument.',
    );
  }
  const [first, second] = positionals as [string, string | undefined];
  return second === undefined
    ? { kind: 'call', section: undefined, method: first, params: values.params, options }
    : { kind: 'call', section: first, method: second, params: values.params, options };
}

function parseEncoding(value: string | undefined): 'form' | 'json' {
  if (value === undefined || value === 'form' || value === 'json') return value ?? 'form';
  throw usageError(
    `--encoding must be form or json, not ${JSON.stringify(value)}`,
    'form is what cent 1.1.0 sent; json has no 10 MiB limit.',
  );
}

/** Replaces each unambiguous prefix of a long option by the option (argparse's `allow_abbrev`). */
function expandAbbreviations(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      out.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const given = arg.slice(2, eq < 0 ? undefined : eq);
    const name = resolveOption(given);
    out.push(`--${name}${eq < 0 ? '' : arg.slice(eq)}`);
    // The next argument is this option's value: leave it alone, even if it starts with `--`.
    if (eq < 0 && OPTIONS[name].type === 'string' && i + 1 < argv.length) out.push(argv[++i] ?? '');
  }
  return out;
}

function resolveOption(given: string): OptionName {
  if ((NAMES as string[]).includes(given)) return given as OptionName;
  const candidates = NAMES.filter((name) => name.startsWith(given));
  if (candidates.length === 1 && candidates[0] !== undefined) return candidates[0];
  if (candidates.length > 1) {
    throw usageError(
      `ambiguous option --${given} (could be ${candidates.map((c) => `--${c}`).join(', ')})`,
      'Spell the option out.',
    );
  }
  throw usageError(`unknown option --${given}`);
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return `unknown option ${option ?? ''}`.trim();
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? 'an option';
    if (/argument missing/.test(message)) return `${option} needs a value`;
    if (/does not take an argument/.test(message)) return `${option} takes no value`;
    if (/ambiguous/.test(message)) return `the value of ${option} starts with "-": write ${option}=VALUE`;
  }
  return message.split('\n')[0] ?? message;
}
