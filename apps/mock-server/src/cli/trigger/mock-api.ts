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

/** JSON requests to a running mock's control API. */
export interface MockApi {
  readonly url: string;
  request<T>(
    method: 'GET' | 'POST',
    path: string,
    options?: { query?: Record<string, string>; body?: unknown },
  ): Promise<T>;
}

/** Creates the control API client of the mock at `url` (without a trailing slash). */
export function createMockApi(url: string, fetchImpl: typeof fetch = fetch): MockApi {
  return {
    url,
    request: async <T>(
      method: 'GET' | 'POST',
      path: string,
      options: { query?: Record<string, string>; body?: unknown } = {},
    ): Promise<T> => {
      const target = new URL(`${url}${path}`);
      for (const [name, value] of Object.entries(options.query ?? {}))
        target.searchParams.set(name, value);
      let response: Response;
      try {
        response = await fetchImpl(target, {
          method,
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
      if (response.ok) return body as T;
      const error = (body ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
      throw new MockApiError(
        typeof error.code === 'string' ? error.code : 'HttpError',
        response.status,
        `${response.status} ${typeof error.code === 'string' ? error.code : ''}: ${typeof error.message === 'string' ? error.message : text.slice(0, 200)}`,
        { data: error.data },
      );
    },
  };
}
