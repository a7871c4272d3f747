import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest contact-form body read: the 10,000-character message plus the other fields, encoded. */
export const MAX_FORM_BYTES = 128 * 1024;

/** A request body that is too large or not a form. */
export class FormBodyError extends Error {
  override readonly name = 'FormBodyError';
  constructor(
    readonly status: 413 | 415,
    readonly code: 'payload_too_large' | 'unsupported_media_type',
  ) {
    super(`@socialhub/example-contact-form: ${code}`);
  }
}

/** Reads an `application/x-www-form-urlencoded` body, refusing others and any above `MAX_FORM_BYTES`. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    throw new FormBodyError(415, 'unsupported_media_type');
  if (Number(req.headers['content-length']) > MAX_FORM_BYTES)
    throw new FormBodyError(413, 'payload_too_large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_FORM_BYTES) throw new FormBodyError(413, 'payload_too_large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Sends an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(html);
}

/** Sends JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}
