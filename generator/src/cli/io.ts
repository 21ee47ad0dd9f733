/** Where a CLI command reads its context and writes its output (injectable for tests). */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  readonly code = 'usage';
}
