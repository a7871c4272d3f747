import type { CheckDefinition } from './checks.js';

/** What one request got back. */
export interface Answer {
  /** The HTTP status; absent when nothing answered. */
  status?: number;
  /** Time from sending until the whole answer was read. */
  ms: number;
  /** Why there was no answer (connection refused, timeout, ...). */
  error?: string;
  /** The `X-SocialHub-Challenge` answered, compared with the right one (2xx answers). */
  challenge?: 'right' | 'wrong' | 'missing';
  /** Whether a non-empty body was JSON. */
  isBodyJson?: boolean;
}

/** A failed check's finding: what was wrong and what real SocialHub would do about it. */
export interface Finding {
  problem: string;
  socialhub: string;
}

/** What real SocialHub does, by failure. */
export const CONSEQUENCES = {
  testRequest:
    'SocialHub would not save the webhook: PATCH /manifest answers 422 WebhookValidationError, and no event is ever delivered',
  retried: 'SocialHub would retry the delivery a few times, then discard its events for good',
  removed:
    'SocialHub would count the delivery as failed AND remove your webhook from the manifest: no more events until the integration sets it again',
  notJson: 'SocialHub requires any response body to be JSON; answer JSON or nothing',
  slow: 'SocialHub waits only a limited time for the answer, then retries and finally discards the events: answer at once and process events in the background',
  forged:
    'real SocialHub never sends this request, so anyone who can reach your URL could make your integration act on forged or replayed events: verify the signature over the raw body and the timestamp (±5 minutes) before answering 2xx',
} as const;

const is2xx = (status: number) => status >= 200 && status < 300;

/** Grades one answer of a check; `undefined` when it passes. */
export function gradeAnswer(
  check: CheckDefinition,
  answer: Answer,
  maxMs: number,
): Finding | undefined {
  const { status } = answer;
  if (check.kind === 'forged') {
    if (status !== undefined && is2xx(status))
      return { problem: `answered ${status} to a forged request`, socialhub: CONSEQUENCES.forged };
    return undefined;
  }
  const failed = check.exactStatus === 200 ? CONSEQUENCES.testRequest : CONSEQUENCES.retried;
  if (status === undefined)
    return { problem: `no answer: ${answer.error ?? 'unknown error'}`, socialhub: failed };
  if (check.exactStatus !== undefined && status !== check.exactStatus)
    return { problem: `answered ${status}, not ${check.exactStatus}`, socialhub: failed };
  if (!is2xx(status)) return { problem: `answered ${status}, not 2xx`, socialhub: failed };
  if (answer.challenge !== 'right')
    return {
      problem: `answered ${status} with ${answer.challenge === 'missing' ? 'no' : 'a wrong'} X-SocialHub-Challenge`,
      socialhub: check.exactStatus === 200 ? CONSEQUENCES.testRequest : CONSEQUENCES.removed,
    };
  if (answer.isBodyJson === false)
    return {
      problem: `answered ${status} with a body that is not JSON`,
      socialhub: CONSEQUENCES.notJson,
    };
  if (answer.ms > maxMs)
    return {
      problem: `answered in ${Math.round(answer.ms)} ms (more than ${maxMs} ms)`,
      socialhub: CONSEQUENCES.slow,
    };
  return undefined;
}
