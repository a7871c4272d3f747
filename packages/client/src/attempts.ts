/** What the transport did to get a response. */
export interface AttemptInfo {
  method: string;
  /** The request URL, `accesstoken` redacted. */
  url: string;
  /** Attempts made, the first included. */
  attempts: number;
  /** A `409` answered a retried POST that the contract makes idempotent by `networkItemId`. */
  alreadyExists: boolean;
}

// A symbol-keyed property rather than a WeakMap: no ephemeron for the collector per response.
const INFO = Symbol('socialhub.attempts');
type WithInfo = Response & { [INFO]?: AttemptInfo };

/** Records what the transport did for a response it returns. */
export function recordAttempts(response: Response, info: AttemptInfo): void {
  Object.defineProperty(response, INFO, { value: info });
}

/**
 * What the client did to get this response (method, redacted URL, attempts); `undefined` for a
 * response that did not come through a SocialHub client.
 * @example
 * const { response } = await client.GET('/');
 * attemptInfo(response)?.attempts; // 1
 */
export function attemptInfo(response: Response): AttemptInfo | undefined {
  return (response as WithInfo)[INFO];
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
export function isAlreadyExists(result: { response: Response }): boolean {
  return (result.response as WithInfo)[INFO]?.alreadyExists === true;
}
