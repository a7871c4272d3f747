import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerErrors, assertKitHandler, type KitHandler } from '../http.js';
import { readNodeBody } from './node-body.js';
import { writeNodeResponse } from './node-response.js';

/** A node:http request listener. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Reads a node request into a kit request and answers it; shared by the node and Express adapters. */
export async function serveNode(
  handler: KitHandler,
  req: IncomingMessage,
  res: ServerResponse,
  rawBody?: Uint8Array | string,
): Promise<void> {
  let bodyRead = rawBody !== undefined;
  const response = await answerErrors(async () => {
    const body = rawBody ?? (await readNodeBody(req, handler.maxBodyBytes));
    bodyRead = true;
    return handler.handle({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      rawBody: body,
    });
  });
  if (!res.headersSent) writeNodeResponse(res, response, !bodyRead);
}

/**
 * Serves a webhook-kit handler on node:http: reads the raw body (bounded), hands it over, writes
 * the answer. Events keep being processed after the response when the handler answers first.
 * @example
 * import { createServer } from 'node:http';
 * import { createWebhookHandler } from '@socialhub/webhook-kit';
 * import { createNodeHandler } from '@socialhub/webhook-kit/node';
 *
 * const webhooks = createWebhookHandler({ secret: process.env.SOCIALHUB_SECRET ?? '', on: {} });
 * createServer(createNodeHandler(webhooks)).listen(3000);
 */
export function createNodeHandler(handler: KitHandler): NodeHandler {
  assertKitHandler(handler, 'createNodeHandler');
  return (req, res) => serveNode(handler, req, res);
}
