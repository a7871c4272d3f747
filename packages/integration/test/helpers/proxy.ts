import { createServer, request, type Server } from 'node:http';
import { close, listen } from './http.js';

/**
 * One webhook URL in front of several replicas: each request goes to the next replica in turn
 * (alternating); a replica that refuses the connection (killed) is skipped for the next one.
 */
export interface RoundRobinProxy {
  url: string;
  /** Requests forwarded per target port. */
  forwarded: Map<number, number>;
  close(): Promise<void>;
}

/** Starts a round-robin proxy on 127.0.0.1 to `ports`. */
export async function startProxy(ports: number[]): Promise<RoundRobinProxy> {
  let next = 0;
  const forwarded = new Map<number, number>();
  const forward = (
    port: number,
    method: string,
    path: string,
    headers: Record<string, unknown>,
    body: Buffer,
  ) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const outgoing = request(
          { host: '127.0.0.1', port, method, path, headers: headers as never },
          async (res) => {
            const chunks: Buffer[] = [];
            for await (const chunk of res) chunks.push(chunk as Buffer);
            resolve({
              status: res.statusCode ?? 502,
              headers: res.headers,
              body: Buffer.concat(chunks),
            });
          },
        );
        outgoing.once('error', reject);
        outgoing.end(body);
      },
    );
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    for (let tried = 0; tried < ports.length; tried++) {
      const port = ports[next++ % ports.length] as number;
      try {
        const answer = await forward(port, req.method ?? 'GET', req.url ?? '/', req.headers, body);
        forwarded.set(port, (forwarded.get(port) ?? 0) + 1);
        res.writeHead(answer.status, answer.headers as never);
        res.end(answer.body);
        return;
      } catch {
        // That replica is down (or died mid-answer): SocialHub would see a failure only if all are.
      }
    }
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'bad_gateway', message: 'no replica answered' }));
  });
  return { url: await listen(server), forwarded, close: () => close(server) };
}
