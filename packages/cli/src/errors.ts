/**
 * What can go wrong, as typed data. Every failure reaches one boundary (`run`) as a `CliError`,
 * which prints it as ONE line on stderr, `cent: <problem>. <fix>`, and exits with its code.
 * No message is ever built from the secret.
 */

/** Exit codes, documented in README.md. */
export const EXIT = {
  ok: 0,
  /** Every request succeeded but at least one command's reply carried an `error`. */
  commandFailed: 1,
  usage: 2,
  config: 3,
  params: 4,
  /** Refused, DNS, reset, TLS: no HTTP reply. */
  connection: 5,
  /** HTTP 401: the sign was rejected. */
  auth: 6,
  /** Any other non-2xx status. */
  server: 7,
  timeout: 8,
  malformedReply: 9,
} as const;

export type ErrorKind = Exclude<keyof typeof EXIT, 'ok' | 'commandFailed'>;

export class CliError extends Error {
  override name = 'CliError';
  readonly kind: ErrorKind;
  /** What went wrong, without a final period. */
  readonly problem: string;
  /** What to do about it, a sentence (or empty). */
  readonly fix: string;

  constructor(kind: ErrorKind, problem: string, fix = '') {
    super(problem);
    this.kind = kind;
    this.problem = problem;
    this.fix = fix;
  }

  get exitCode(): number {
    return EXIT[this.kind];
  }

  /** The one line printed on stderr, without its newline. */
  format(): string {
    const fix = this.fix === '' ? '' : ` ${this.fix}`;
    return `cent: ${this.problem}.${fix}`.replace(/[\r\n]+/g, ' ');
  }
}

export const usageError = (problem: string, fix = 'Run cent --help for the usage.'): CliError =>
  new CliError('usage', problem, fix);
export const configError = (problem: string, fix: string): CliError => new CliError('config', problem, fix);
export const paramsError = (problem: string, fix: string): CliError => new CliError('params', problem, fix);
