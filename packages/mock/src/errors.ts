/** Base class of every error the mock throws: a stable `code` beside the human message. */
export class MockError extends Error {
  override readonly name: string = 'MockError';
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** A Centrifugo config value the mock cannot accept; `key` names it (e.g. `namespaces[1].name`). */
export class MockConfigError extends MockError {
  override readonly name = 'MockConfigError';
  readonly key: string;

  constructor(code: string, key: string, message: string, options?: ErrorOptions) {
    super(code, `config ${key}: ${message}`, options);
    this.key = key;
  }
}

/** A control-API call that does not make sense (unknown client, bad fault spec...). */
export class MockUsageError extends MockError {
  override readonly name = 'MockUsageError';
}

/** `waitFor` gave up. */
export class MockTimeoutError extends MockError {
  override readonly name = 'MockTimeoutError';
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number) {
    super('wait_timeout', message);
    this.timeoutMs = timeoutMs;
  }
}

/** The mock is used before it started or after it closed. */
export class MockStateError extends MockError {
  override readonly name = 'MockStateError';
}

/** Thrown by `assertNoViolations()`: requests that the real server would have refused. */
export class MockContractError extends MockError {
  override readonly name = 'MockContractError';
  readonly violations: readonly unknown[];

  constructor(message: string, violations: readonly unknown[]) {
    super('contract_violation', message);
    this.violations = violations;
  }
}
