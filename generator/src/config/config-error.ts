import { formatProblem, type Problem } from '../validate/problem.js';

/**
 * A generator config that cannot be used: every problem, each naming the config file (as the
 * command line named it) and the JSON pointer inside it. Nothing is generated.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'config-invalid';
  constructor(
    /** The config file, as messages name it. */
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      `the config ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`,
    );
  }
}
