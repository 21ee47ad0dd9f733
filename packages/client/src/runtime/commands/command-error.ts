/**
 * The commands codec's soft error: the server ran the command and answered it with an `error`
 * string in the reply item (HTTP 200).
 */
import { CentError } from '../errors.js';

export class CentCommandError extends CentError {
  override name = 'CentCommandError';
  readonly method: string;
  /** The server's error string, e.g. `namespace not found`. */
  readonly error: string;
  /** The server's advice (`fix`), when it gave one. */
  readonly advice: string | undefined;

  constructor(info: { method: string; error: string; advice?: string | undefined }) {
    const advice = info.advice === undefined ? '' : ` (advice: ${info.advice})`;
    super('CENT_COMMAND', `${info.method}: ${info.error}${advice}`);
    this.method = info.method;
    this.error = info.error;
    this.advice = info.advice;
  }
}
