import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { FormBodyError, sendHtml, sendJson } from './http.js';
import { errorPage } from './pages.js';

/** A route handler. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Path → method → handler. */
export type Routes = Record<string, Partial<Record<'GET' | 'POST', Handler>>>;

/**
 * A node:http listener over a route table: `404` / `405` as JSON `{ code, message }`, unreadable
 * forms as `413` / `415` pages, and anything unexpected as a `500` page (logged, never a crash).
 */
export function createRouter(routes: Routes, log: (line: string) => void): RequestListener {
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!route) return sendJson(res, 404, { code: 'not_found', message: `No route ${path}` });
    const handler = route[req.method as 'GET' | 'POST'];
    if (!handler) {
      const allow = Object.keys(route).join(', ');
      return sendJson(res, 405, { code: 'method_not_allowed', message: `Use ${allow}` }, { allow });
    }
    try {
      await handler(req, res);
    } catch (error) {
      if (res.headersSent) return res.destroy();
      if (error instanceof FormBodyError) {
        res.setHeader('connection', 'close'); // the rest of the body was not read
        return sendHtml(
          res,
          error.status,
          errorPage('Message not sent', 'The form could not be read.', error.code),
        );
      }
      log(
        `internal error on ${req.method} ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
      sendHtml(res, 500, errorPage('Something went wrong', 'Please try again.', 'internal_error'));
    }
  };
}
