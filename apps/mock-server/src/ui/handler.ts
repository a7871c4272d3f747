import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeHandler } from '../http/types.js';

/** Content types of the files the UI is made of. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Scripts and styles only from the mock itself (no CDN, no inline code); pictures of tickets may
 * come from anywhere over http(s); the page talks only to its own origin (`/_mock`).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' http: https: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** Where the UI's static files are: `static/` beside this module (copied to `dist/ui/static` by the build). */
const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

async function loadAssets(dir: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const contentType = CONTENT_TYPES[extname(entry.name)];
    if (!entry.isFile() || contentType === undefined) continue;
    const file = join(entry.parentPath, entry.name);
    const body = await readFile(file);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    assets.set(relative(dir, file).split(sep).join('/'), { body, contentType, etag });
  }
  return assets;
}

const sendJson = (
  response: ServerResponse,
  status: number,
  body: { code: string; message: string },
  headers: Record<string, string> = {},
) => {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
};

/**
 * The mock's web UI (channels settings, Inbox, deliveries log) as a node:http handler for a mount
 * prefix such as `/app/`: `GET <prefix>` is the page, `GET <prefix>assets/...` its scripts and
 * styles. Plain files, no CDN; the page works offline and talks only to `/_mock`.
 *
 * @example
 * ```ts
 * const mock = await createMockServer({ ui: false });
 * mock.mount('/console/', createUiHandler('/console/'));
 * ```
 */
export function createUiHandler(prefix = '/app/'): NodeHandler {
  let loading: Promise<Map<string, Asset>> | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    if (`${path}/` === prefix) {
      // `/app` → `/app/`, so that the page's relative asset URLs resolve under the prefix.
      response.writeHead(308, { location: prefix + (mark === -1 ? '' : url.slice(mark)) });
      response.end();
      return;
    }
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      request.resume();
      sendJson(
        response,
        405,
        { code: 'MethodNotAllowedError', message: `Error: ${method} is not allowed here` },
        { allow: 'GET, HEAD' },
      );
      return;
    }
    loading ??= loadAssets(STATIC_DIR);
    const assets = await loading;
    let name: string;
    try {
      name = decodeURIComponent(path.slice(prefix.length)) || 'index.html';
    } catch {
      name = '';
    }
    const asset = assets.get(name);
    if (!asset) {
      const message =
        assets.size === 0
          ? 'Error: The web UI files are missing from this build of @socialhub/mock-server'
          : 'Error: Not found';
      sendJson(response, 404, { code: 'NotFoundError', message });
      return;
    }
    const headers = {
      'content-type': asset.contentType,
      'cache-control': 'no-cache',
      etag: asset.etag,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...(asset.contentType.startsWith('text/html')
        ? { 'content-security-policy': CONTENT_SECURITY_POLICY }
        : {}),
    };
    if (request.headers['if-none-match'] === asset.etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-length': asset.body.length });
    response.end(method === 'HEAD' ? undefined : asset.body);
  };

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      loading = undefined; // try to read the files again on the next request
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      sendJson(response, missing ? 404 : 500, {
        code: missing ? 'NotFoundError' : 'InternalError',
        message: missing
          ? 'Error: The web UI files are missing from this build of @socialhub/mock-server'
          : 'Error: The web UI could not be served',
      });
    });
  };
}
