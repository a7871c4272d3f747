// Statuses whose Response must have a null body (Fetch standard).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A Response built over another's body stream, status and headers, whose `url` is the redacted
 * request URL. The fetched Response keeps the URL it was fetched from, token included, in internal
 * state (undici's `urlList`) that `util.inspect` reaches; this one never had it.
 */
class RedactedResponse extends Response {
  readonly #url: string;
  readonly #headers: Headers;

  constructor(body: ReadableStream<Uint8Array> | null, source: Response, url: string) {
    const type = source.headers.get('content-type');
    // The body methods read the type from internal state (`blob()`, `formData()`); the rest of
    // the headers are the fetched ones, shared rather than copied (they are immutable).
    super(body, {
      status: source.status,
      statusText: source.statusText,
      headers: type === null ? undefined : { 'content-type': type },
    });
    this.#url = url;
    this.#headers = source.headers;
  }

  override get url(): string {
    return this.#url;
  }

  override get headers(): Headers {
    return this.#headers;
  }

  override clone(): Response {
    return new RedactedResponse(super.clone().body, this, this.#url);
  }
}

/** The Response handed out for a fetched one: same status, headers and body, redacted `url`. */
export function redactedResponse(response: Response, url: string): Response {
  return new RedactedResponse(NULL_BODY.has(response.status) ? null : response.body, response, url);
}
