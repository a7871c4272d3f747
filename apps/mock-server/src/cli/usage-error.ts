/** The CLI's arguments were wrong (exit code 2). */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  readonly code = 'CliUsageError';
  readonly status = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(`@socialhub/mock-server: ${message}`, options);
  }
}
