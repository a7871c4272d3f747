/** Why a wait ended without what it waited for. */
export type MockWaitErrorCode =
  /** The time ran out; `seen` says what there was instead. */
  | 'WaitTimeoutError'
  /** It ended otherwise than asked (the action failed where success was awaited, ...). */
  | 'WaitOutcomeError'
  /** The mock closed while waiting. */
  | 'WaitAbortedError';

/** A wait for an outcome, a follow-up ticket or a delivery did not get it. */
export class MockWaitError extends Error {
  override readonly name = 'MockWaitError';
  readonly code: MockWaitErrorCode;
  /** HTTP status of the long-poll route: 408 (timeout), 409 (other outcome), 503 (closed). */
  readonly status: number;
  /** What was seen instead, in words (also in the message). */
  readonly seen: string;
  /** The last state seen (the action, the deliveries), when there was one. */
  readonly last: unknown;

  constructor(
    code: MockWaitErrorCode,
    message: string,
    options: { seen: string; last?: unknown; cause?: unknown },
  ) {
    super(`@socialhub/mock-server: ${message}`, { cause: options.cause });
    this.code = code;
    this.status = code === 'WaitTimeoutError' ? 408 : code === 'WaitOutcomeError' ? 409 : 503;
    this.seen = options.seen;
    this.last = options.last;
  }
}
