// Statuses whose Response must have a null body (Fetch standard).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A Response built over another's body stream, status and headers, whose `url` is the redacted
 * request URL. The fetched Response keeps the URL it was fetched from, token included, in internal
 * state (undici's `urlList`) that `util.inspect` reaches; this one never had it.
 */
class RedactedResponse extends Response {
  readonly #url: string;

  constructor(body: ReadableStream<Uint8Array> | null, init: ResponseInit, url: string) {
    super(body, init);
    this.#url = url;
  }

  override get url(): string {
    return this.#url;
  }

  override clone(): Response {
    return redactedResponse(super.clone(), this.#url);
  }
}

/** The Response handed out for a fetched one: same status, headers and body, redacted `url`. */
export function redactedResponse(response: Response, url: string): Response {
  return new RedactedResponse(
    NULL_BODY.has(response.status) ? null : response.body,
    { status: response.status, statusText: response.statusText, headers: response.headers },
    url,
  );
}
