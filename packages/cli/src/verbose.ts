/** `--verbose`: lines on stderr starting with `* ` (as curl -v), never holding the secret or the sign. */
import type { CliIo } from './io.js';

export interface Verbose {
  log(line: string): void;
}

export function createVerbose(enabled: boolean, io: CliIo): Verbose {
  return { log: enabled ? (line) => void io.stderr.write(`* ${line}\n`) : () => undefined };
}
