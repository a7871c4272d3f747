import type { IncomingMessage } from 'node:http';
import { MockServerError } from './errors.js';

/** Largest request body the mock reads (SocialHub's limit is not documented). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const FORM = 'application/x-www-form-urlencoded';

// `fatal`: bytes that are not UTF-8 are refused instead of being replaced with U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads a request body, JSON or form-encoded (`application/x-www-form-urlencoded`, which one
 * API2 operation documents, read into a prototype-free object of strings): `undefined` for an
 * empty body, `400 BadRequestError` for malformed JSON or bytes that are not UTF-8,
 * `413 PayloadTooLargeError` past `maxBytes`.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
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
      try {
        resolve(parseBody(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size), request));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Decodes and parses the bytes of a body by its `Content-Type`. */
export function parseBody(
  bytes: Uint8Array | undefined,
  request: Pick<IncomingMessage, 'headers'>,
): unknown {
  if (bytes === undefined || bytes.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    throw new MockServerError(
      400,
      'BadRequestError',
      'Error: The request body is not valid UTF-8; send JSON encoded as UTF-8',
      { cause: error },
    );
  }
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith(FORM)) return formFields(text);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new MockServerError(400, 'BadRequestError', 'Error: The request body is not valid JSON');
  }
}

/** `a=1&b=2&b=3` → `{ a: '1', b: ['2', '3'] }` on a prototype-free object. */
export function formFields(text: string | URLSearchParams): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of typeof text === 'string' ? new URLSearchParams(text) : text) {
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[name] = [existing, value];
  }
  return fields;
}

const tooLarge = (maxBytes: number) =>
  new MockServerError(
    413,
    'PayloadTooLargeError',
    `Error: The request body exceeds ${maxBytes} bytes`,
  );
