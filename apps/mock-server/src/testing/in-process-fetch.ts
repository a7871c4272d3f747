import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { NodeHandler } from '../http/types.js';

/** A `fetch` that calls the mock's handler in the same process: no socket, no port. */
export type InProcessFetch = (
  input: Request | string | URL,
  init?: RequestInit,
) => Promise<Response>;

/** The address requests of the in-process fetch come from (rate limits without a channel key on it). */
const REMOTE_ADDRESS = '127.0.0.1';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The part of `ServerResponse` the mock's handlers use, collecting the answer into a fetch
 * `Response` instead of writing it to a socket.
 */
class CapturedResponse {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  destroyed = false;
  writableEnded = false;
  readonly #headers = new Map<string, string | string[]>();
  readonly #chunks: Buffer[] = [];
  readonly #settle: { resolve: (response: Response) => void; reject: (error: Error) => void };
  readonly #method: string;

  constructor(
    method: string,
    settle: { resolve: (response: Response) => void; reject: (error: Error) => void },
  ) {
    this.#method = method;
    this.#settle = settle;
  }

  setHeader(name: string, value: string | number | readonly string[]) {
    this.#headers.set(
      name.toLowerCase(),
      Array.isArray(value) ? value.map(String) : String(value as string | number),
    );
    return this;
  }
  getHeader(name: string) {
    return this.#headers.get(name.toLowerCase());
  }
  hasHeader(name: string) {
    return this.#headers.has(name.toLowerCase());
  }
  removeHeader(name: string) {
    this.#headers.delete(name.toLowerCase());
  }
  writeHead(
    status: number,
    reason?: string | Record<string, string | number | string[]>,
    headers?: Record<string, string | number | string[]>,
  ) {
    this.statusCode = status;
    const all = typeof reason === 'string' ? headers : reason;
    if (typeof reason === 'string') this.statusMessage = reason;
    for (const [name, value] of Object.entries(all ?? {})) this.setHeader(name, value);
    this.headersSent = true;
    return this;
  }
  write(chunk: string | Uint8Array) {
    this.headersSent = true;
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Uint8Array | (() => void)) {
    if (this.writableEnded) return this;
    if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk);
    this.headersSent = true;
    this.writableEnded = true;
    const headers = new Headers();
    for (const [name, value] of this.#headers)
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    const hasNoBody = NULL_BODY_STATUSES.has(this.statusCode) || this.#method === 'HEAD';
    this.#settle.resolve(
      new Response(hasNoBody ? null : Buffer.concat(this.#chunks), {
        status: this.statusCode,
        ...(this.statusMessage ? { statusText: this.statusMessage } : {}),
        headers,
      }),
    );
    return this;
  }
  destroy() {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (!this.writableEnded)
      this.#settle.reject(
        new TypeError('fetch failed', {
          cause: new Error('@socialhub/mock-server: the mock closed the connection'),
        }),
      );
    return this;
  }
  on() {
    return this;
  }
  once() {
    return this;
  }
}

/**
 * Creates a `fetch` that hands each request to a node:http handler in this process: the WHATWG
 * `Request` is bridged to an `IncomingMessage`-like stream and the answer collected into a
 * `Response`. Only the path and query of the URL count; any origin reaches the mock.
 * @example
 * ```ts
 * const client = createPublicClient({ accessToken, baseUrl: mock.url, fetch: mock.fetch });
 * ```
 */
export function createInProcessFetch(handler: NodeHandler): InProcessFetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    const url = new URL(request.url);
    const body =
      request.method === 'GET' || request.method === 'HEAD'
        ? undefined
        : Buffer.from(await request.arrayBuffer());
    const headers: IncomingHttpHeaders = { host: url.host };
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    if (body !== undefined) headers['content-length'] = String(body.length);
    const incoming = Readable.from(body && body.length > 0 ? [body] : [], {
      objectMode: false,
    }) as unknown as IncomingMessage & Record<string, unknown>;
    Object.assign(incoming, {
      method: request.method,
      url: `${url.pathname}${url.search}`,
      headers,
      httpVersion: '1.1',
      socket: { remoteAddress: REMOTE_ADDRESS, encrypted: url.protocol === 'https:' },
    });
    return new Promise<Response>((resolve, reject) => {
      const { signal } = request;
      const onAbort = () => {
        response.destroyed = true;
        reject(signal.reason);
      };
      const settle = {
        resolve: (answer: Response) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        },
        reject: (error: Error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const response = new CapturedResponse(request.method, settle);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        handler(incoming, response as unknown as ServerResponse);
      } catch (error) {
        settle.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  };
}
