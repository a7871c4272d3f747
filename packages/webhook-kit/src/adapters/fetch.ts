import { PayloadTooLargeError } from '../errors.js';
import { answerErrors, assertKitHandler, type KitHandler, type KitResponse } from '../http.js';

/** The part of a Workers / Vercel / Netlify execution context the fetch adapter uses. */
export interface WaitUntilContext {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * A fetch-style handler: `(Request) => Promise<Response>`. The second argument is read only for
 * a `waitUntil` method, so Bun's `server` or Deno's `info` may be passed as they come.
 */
export type FetchHandler = (
  request: Request,
  context?: Partial<WaitUntilContext> | object,
) => Promise<Response>;

/** Reads a fetch body as bytes, stopping as soon as it passes `maxBodyBytes`. */
async function readFetchBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(maxBodyBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function toResponse(response: KitResponse): Response {
  return new Response(response.body ?? null, {
    status: response.status,
    headers: response.headers,
  });
}

/**
 * Serves a webhook-kit handler as `(Request) => Promise<Response>`: Hono, Next.js route
 * handlers, Bun, Deno, Cloudflare Workers. Pass the runtime's context as the second argument so
 * events processed after the answer are kept alive with `waitUntil`.
 * @example
 * import { Hono } from 'hono';
 * import { createFetchHandler } from '@socialhub/webhook-kit/fetch';
 *
 * const handle = createFetchHandler(webhooks);
 * const app = new Hono().post('/webhook', (c) => handle(c.req.raw));
 */
export function createFetchHandler(handler: KitHandler): FetchHandler {
  assertKitHandler(handler, 'createFetchHandler');
  return async (request, context) => {
    const response = await answerErrors(async () =>
      handler.handle({
        method: request.method,
        url: request.url,
        headers: request.headers,
        rawBody: await readFetchBody(request, handler.maxBodyBytes),
      }),
    );
    const waitUntil = (context as Partial<WaitUntilContext> | undefined)?.waitUntil;
    if (response.background && typeof waitUntil === 'function')
      waitUntil.call(context, response.background);
    return toResponse(response);
  };
}
