/** What the transport did to get a response; `result.attempt` of every call. */
export interface AttemptInfo {
  method: string;
  /** The request URL, `accesstoken` redacted. */
  url: string;
  /** Attempts made, the first included. */
  attempts: number;
  /** A `409` answered a retried POST that the contract makes idempotent by `networkItemId`. */
  alreadyExists: boolean;
}

/**
 * What the client did to get this result (method, redacted URL, attempts): its `attempt`;
 * `undefined` for a result that did not come from a SocialHub client.
 * @example
 * const result = await client.GET('/');
 * attemptInfo(result)?.attempts; // 1
 */
export function attemptInfo(result: {
  attempt?: AttemptInfo | undefined;
}): AttemptInfo | undefined {
  return result.attempt;
}

/**
 * True when the result is a `409` to a retried ticket creation or reply confirmation: an earlier
 * attempt most likely created it and its answer was lost, so treat it as done, not as a conflict.
 * @example
 * const result = await createTicket(client, interaction);
 * if (result.status === 409 && isAlreadyExists(result)) {
 *   // created by an earlier attempt
 * }
 */
export function isAlreadyExists(result: { attempt?: AttemptInfo | undefined }): boolean {
  return result.attempt?.alreadyExists === true;
}
