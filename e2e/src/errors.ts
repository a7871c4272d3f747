/** What went wrong, for code that reacts to it. */
export type DemoErrorCode =
  | 'port_in_use'
  | 'start_failed'
  | 'setup_failed'
  | 'check_failed'
  | 'browser_missing';

/** The one error class of the demo and the browser tests; messages start with the package name and hold no secret. */
export class DemoError extends Error {
  override readonly name = 'DemoError';
  readonly code: DemoErrorCode;

  constructor(code: DemoErrorCode, message: string, options?: ErrorOptions) {
    super(`@socialhub/e2e: ${message}`, options);
    this.code = code;
  }
}
