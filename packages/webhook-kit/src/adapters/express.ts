import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyAlreadyParsedError } from '../errors.js';
import { assertKitHandler, type KitHandler } from '../http.js';
import { serveNode } from './node.js';

/** The shape of an Express 5 request this adapter reads: node's request plus `body`. */
export type ExpressLikeRequest = IncomingMessage & { body?: unknown };

/** An Express middleware: `(req, res, next)`. */
export type ExpressHandler = (
  req: ExpressLikeRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

const HINT =
  'Mount the webhook route before app.use(express.json()), or give it express.raw({ type: "*/*" }) instead.';

/**
 * Serves a webhook-kit handler as an Express 5 route handler. It reads the raw body itself (or
 * takes the Buffer left by `express.raw()`), and passes a `BodyAlreadyParsedError` to `next`
 * when `express.json()` already parsed the body, since the signed bytes are then lost.
 * @example
 * import express from 'express';
 * import { createExpressHandler } from '@socialhub/webhook-kit/express';
 *
 * const app = express();
 * app.post('/webhook', createExpressHandler(webhooks)); // before app.use(express.json())
 */
export function createExpressHandler(handler: KitHandler): ExpressHandler {
  assertKitHandler(handler, 'createExpressHandler');
  return (req, res, next) => {
    const { body } = req;
    let rawBody: Uint8Array | string | undefined;
    if (body instanceof Uint8Array || typeof body === 'string') {
      rawBody = body;
    } else if (body !== undefined || req.readableEnded) {
      // A parser ran (an object, even {} for an empty body) or drained the stream.
      next(new BodyAlreadyParsedError('Express', HINT));
      return;
    }
    serveNode(handler, req, res, rawBody).catch(next);
  };
}
