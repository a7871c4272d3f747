import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the server received it, token and all. */
export interface Recorded {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

/** How the server answers one request. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Send the headers, then stall the body this long. */
  stallBodyMs?: number;
  /** Destroy the connection instead of answering. */
  destroy?: boolean;
  /** Send the headers and the first byte of the body, then destroy the connection. */
  breakBody?: boolean;
}

/** A recording node:http server on 127.0.0.1 with an ephemeral port. */
export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

/** The rate limit headers SocialHub sends on every answer; the server counts `remaining` down. */
export const RATE_LIMIT = 1000;

/** Starts a server that records every request and answers with `route`'s reply. */
export async function startServer(
  route: (request: Recorded, index: number) => Reply | Promise<Reply>,
): Promise<TestServer> {
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = req.url ?? '/';
    const parsed = new URL(url, 'http://127.0.0.1');
    const recorded: Recorded = {
      method: req.method ?? 'GET',
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const reply = await route(recorded, requests.length - 1);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    const body =
      reply.body === undefined
        ? ''
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, {
      'content-type': 'application/json',
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(RATE_LIMIT - requests.length),
      ...(reply.stallBodyMs || reply.breakBody
        ? {}
        : { 'content-length': String(Buffer.byteLength(body)) }),
      ...reply.headers,
    });
    if (reply.breakBody) {
      res.write(body.slice(0, 1));
      setTimeout(() => req.socket.destroy(), 20);
      return;
    }
    if (reply.stallBodyMs) {
      res.write(body.slice(0, 1));
      await new Promise((r) => setTimeout(r, reply.stallBodyMs));
      if (!res.destroyed) res.end(body.slice(1));
      return;
    }
    res.end(body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A route that answers the given replies in turn (the last one repeats). */
export function inTurn(...replies: Reply[]): (request: Recorded, index: number) => Reply {
  return (_request, index) => replies[Math.min(index, replies.length - 1)] as Reply;
}
