import type { ServerResponse } from 'node:http';
import type { KitResponse } from '../http.js';

/** Writes a kit response to a node `ServerResponse`. */
export function writeNodeResponse(res: ServerResponse, response: KitResponse, close = false): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  // After refusing a body we did not read, the connection cannot be reused.
  if (close) res.setHeader('connection', 'close');
  res.end(response.body);
}
