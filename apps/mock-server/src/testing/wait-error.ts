/** Why a wait ended without what it waited for. */
export type MockWaitErrorCode =
  /** The time ran out; `seen` says what there was instead. */
  | 'WaitTimeoutError'
  /** It ended otherwise than asked (the action failed where success was awaited, ...). */
  | 'WaitOutcomeError'
  /** The mock closed while waiting, or the wait's `signal` aborted. */
  | 'WaitAbortedError'
  /** What to wait for was malformed (not an action, a bad timeout, ...). */
  | 'WaitInputError';

const STATUS: Record<MockWaitErrorCode, number> = {
  WaitTimeoutError: 408,
  WaitOutcomeError: 409,
  WaitAbortedError: 503,
  WaitInputError: 400,
};

/** A malformed wait: `MockWaitError` with code `WaitInputError`. */
export const waitInputError = (message: string) =>
  new MockWaitError('WaitInputError', message, { seen: 'nothing: the wait did not start' });

/** A wait for an outcome, a follow-up ticket or a delivery did not get it. */
export class MockWaitError extends Error {
  override readonly name = 'MockWaitError';
  readonly code: MockWaitErrorCode;
  /** HTTP status of the long-poll route: 408 (timeout), 409 (other outcome), 503 (closed), 400 (input). */
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
    this.status = STATUS[code];
    this.seen = options.seen;
    this.last = options.last;
  }
}
