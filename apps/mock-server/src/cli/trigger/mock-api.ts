/** A request to a running mock failed: it is not there, or it answered an error. */
export class MockApiError extends Error {
  override readonly name = 'MockApiError';
  /** The mock's error `code` (`ActionNotAvailable`, `WaitTimeoutError`, ...) or `MockUnreachable`. */
  readonly code: string;
  /** The HTTP status (0 when nothing answered). */
  readonly status: number;
  /** The error body's `data` (a wait's `seen`, validation issues). */
  readonly data: unknown;

  constructor(
    code: string,
    status: number,
    message: string,
    options: { data?: unknown; cause?: unknown } = {},
  ) {
    super(`@socialhub/mock-server: ${message}`, { cause: options.cause });
    this.code = code;
    this.status = status;
    this.data = options.data;
  }
}

/** A 2xx or 3xx answer of the mock. */
export interface MockAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Options of one request to the mock. */
export interface MockRequestOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** An API2 user token, sent as `?accesstoken=` (never printed). */
  token?: string;
}

/** JSON requests to a running mock (control API and API2); redirects are not followed. */
export interface MockApi {
  readonly url: string;
  /** The answer's body; rejects with `MockApiError` on a 4xx or 5xx answer. */
  request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options?: MockRequestOptions,
  ): Promise<T>;
  /** The whole answer (a 3xx too); rejects with `MockApiError` on a 4xx or 5xx answer. */
  send<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options?: MockRequestOptions,
  ): Promise<MockAnswer<T>>;
}

/** Creates the client of the mock at `url` (without a trailing slash). */
export function createMockApi(url: string, fetchImpl: typeof fetch = fetch): MockApi {
  const send = async <T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: MockRequestOptions = {},
  ): Promise<MockAnswer<T>> => {
    const target = new URL(`${url}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {}))
      target.searchParams.set(name, value);
    if (options.token !== undefined) target.searchParams.set('accesstoken', options.token);
    let response: Response;
    try {
      response = await fetchImpl(target, {
        method,
        redirect: 'manual',
        ...(options.body === undefined
          ? {}
          : {
              body: JSON.stringify(options.body),
              headers: { 'content-type': 'application/json' },
            }),
      });
    } catch (cause) {
      throw new MockApiError(
        'MockUnreachable',
        0,
        `no mock answers at ${url} (start one with \`socialhub-mock\`, or pass --url)`,
        { cause },
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new MockApiError(
        'NotAMock',
        response.status,
        `${url} answered ${method} ${path} with something that is not JSON: is it a socialhub-mock?`,
      );
    }
    if (response.status < 400)
      return { status: response.status, headers: response.headers, body: body as T };
    const error = (body ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
    const code = typeof error.code === 'string' ? error.code : 'HttpError';
    throw new MockApiError(
      code,
      response.status,
      `${response.status} ${code}: ${typeof error.message === 'string' ? error.message : text.slice(0, 200)}`,
      { data: error.data },
    );
  };
  return {
    url,
    send,
    request: async (method, path, options) => (await send(method, path, options)).body as never,
  };
}
