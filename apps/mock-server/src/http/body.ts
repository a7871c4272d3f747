import type { IncomingMessage } from 'node:http';
import { MockServerError } from './errors.js';

/** Largest request body the mock reads (SocialHub's limit is not documented). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads and parses a JSON body: `undefined` for an empty one, `400 BadRequestError` for
 * malformed JSON, `413 PayloadTooLargeError` past `maxBytes`.
 */
export function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (declared > maxBytes) {
      request.resume();
      reject(tooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', (error) =>
      reject(
        new MockServerError(400, 'BadRequestError', 'Error: The request body could not be read', {
          cause: error,
        }),
      ),
    );
    request.on('end', () => {
      if (size > maxBytes) return;
      const text = Buffer.concat(chunks, size).toString('utf8');
      if (text.trim() === '') {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(
          new MockServerError(400, 'BadRequestError', 'Error: The request body is not valid JSON'),
        );
      }
    });
  });
}

const tooLarge = (maxBytes: number) =>
  new MockServerError(
    413,
    'PayloadTooLargeError',
    `Error: The request body exceeds ${maxBytes} bytes`,
  );
