import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { InvalidOptionsError, PayloadTooLargeError } from '../errors.js';
import {
  answerErrors,
  assertKitHandler,
  errorResponse,
  type KitHandler,
  type KitResponse,
} from '../http.js';

/** Options of `createFastifyPlugin`. */
export interface FastifyAdapterOptions {
  /** Route path inside the plugin's prefix. */
  path: string;
}

/**
 * A Fastify 5 plugin serving a webhook-kit handler on one route. Inside its own encapsulated
 * context it replaces the body parsers with one that keeps the raw bytes, so the app's JSON
 * parsing elsewhere is untouched.
 * @example
 * import Fastify from 'fastify';
 * import { createFastifyPlugin } from '@socialhub/webhook-kit/fastify';
 *
 * const app = Fastify();
 * await app.register(createFastifyPlugin(webhooks, { path: '/webhook' }));
 */
export function createFastifyPlugin(
  handler: KitHandler,
  options: FastifyAdapterOptions,
): FastifyPluginAsync {
  assertKitHandler(handler, 'createFastifyPlugin');
  if (typeof options?.path !== 'string')
    throw new InvalidOptionsError('createFastifyPlugin needs `{ path }`, the route path');
  return async (instance) => {
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );

    const send = (reply: FastifyReply, response: KitResponse) =>
      reply.code(response.status).headers(response.headers).send(response.body);

    instance.setErrorHandler((error: { code?: string; statusCode?: number }, _request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return send(reply, errorResponse(new PayloadTooLargeError(handler.maxBodyBytes)));
      }
      throw error;
    });

    instance.route({
      // Both methods reach the handler, which answers 405 (with Allow) for the one it does not serve.
      method: ['GET', 'POST'],
      url: options.path,
      bodyLimit: handler.maxBodyBytes,
      handler: async (request, reply) => {
        const body = request.body;
        const response = await answerErrors(() =>
          handler.handle({
            method: request.method,
            url: request.url,
            headers: request.headers,
            rawBody: body instanceof Uint8Array ? body : '',
          }),
        );
        return send(reply, response);
      },
    });
  };
}
