// @ts-check

/**
 * @typedef {Pick<import('../../../ui-types.js').Delivery, 'kind' | 'outcome' | 'attempts'>} DeliveryLike
 */

/**
 * The outcome the deliveries log shows (`data-outcome`): `delivered`; `pending` (not sent yet);
 * `retrying` (an attempt failed, another is coming); `failed` (discarded after its retries, or a
 * test request / templates GET that did not succeed); `challenge-mismatch` (a 2xx without the
 * right `X-SocialHub-Challenge`: SocialHub removes the webhook); `no-webhook`.
 * @param {DeliveryLike} delivery
 * @returns {'delivered' | 'pending' | 'retrying' | 'failed' | 'challenge-mismatch' | 'no-webhook'}
 */
export function deliveryOutcome(delivery) {
  const last = delivery.attempts.at(-1);
  switch (delivery.outcome) {
    case 'delivered':
      return 'delivered';
    case 'webhook-removed':
      return 'challenge-mismatch';
    case 'no-webhook':
      return 'no-webhook';
    case 'pending':
      return delivery.attempts.length > 0 ? 'retrying' : 'pending';
    default:
      return delivery.kind !== 'templates' && last?.isChallengeSolved === false
        ? 'challenge-mismatch'
        : 'failed';
  }
}

/**
 * What the challenge check of an attempt says: `solved`, `mismatch` (a 2xx without the right
 * challenge), `not-checked` (no 2xx answer, or a templates GET, whose answer needs none).
 * @param {DeliveryLike} delivery
 * @param {DeliveryLike['attempts'][number] | undefined} attempt
 * @returns {'solved' | 'mismatch' | 'not-checked'}
 */
export function challengeVerdict(delivery, attempt) {
  if (delivery.kind === 'templates' || attempt?.isChallengeSolved === undefined)
    return 'not-checked';
  return attempt.isChallengeSolved ? 'solved' : 'mismatch';
}
