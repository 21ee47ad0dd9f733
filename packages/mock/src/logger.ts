/** Where the mock reports what a real server would log. Never given secrets. */
export interface MockLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: MockLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Prefixes every line with `centkit-mock:` on stderr; `debug` only when `verbose`. */
export function createConsoleLogger(verbose = false): MockLogger {
  const line = (level: string, message: string) => process.stderr.write(`centkit-mock: [${level}] ${message}\n`);
  return {
    debug: (m) => {
      if (verbose) line('debug', m);
    },
    info: (m) => line('info', m),
    warn: (m) => line('warn', m),
    error: (m) => line('error', m),
  };
}
