import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError } from '../errors.js';

/**
 * Reads a node request body as bytes, refusing it as soon as it passes `maxBodyBytes` (by
 * `Content-Length` first, then by counting) so an oversized body is never buffered whole.
 */
export async function readNodeBody(
  req: IncomingMessage,
  maxBodyBytes: number,
): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.byteLength;
    if (size > maxBodyBytes) throw new PayloadTooLargeError(maxBodyBytes);
    chunks.push(buffer);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}
