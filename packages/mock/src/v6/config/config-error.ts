/**
 * A Centrifugo v6 config the real server refuses to start with. `message` is the server's own
 * error text; `log` is the fatal line it logs (the shape of `startup.jsonl`), so a test can put
 * the two side by side. Secrets never reach these texts: the server's messages name keys, not
 * values, and the mock's own wording does the same.
 */
import { MockConfigError } from '../../errors.js';
import type { StartupLogRecord } from './types.js';

export class CentrifugoConfigError extends MockConfigError {
  readonly log: StartupLogRecord;

  constructor(code: string, key: string, log: StartupLogRecord) {
    super(code, key, log['error'] ?? log.message);
    this.log = log;
    this.message = log['error'] ?? log.message;
  }
}

/** `error validating config`: what `Config.Validate()` returns. */
export function validationError(key: string, error: string): CentrifugoConfigError {
  return new CentrifugoConfigError('invalid_config', key, {
    level: 'fatal',
    error,
    message: 'error validating config',
  });
}
