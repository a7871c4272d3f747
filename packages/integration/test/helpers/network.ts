import { createServer, type Server } from 'node:http';
import { close, listen } from './http.js';

/**
 * A stand-in for the network an integration posts to (an email service, a forum): `POST /send`
 * with `{ key }` records the call and applies its effect once per idempotency key, answering the
 * same id for a repeat. `failing` makes it answer 503 (an outage).
 */
export interface FakeNetwork {
  url: string;
  /** Calls per idempotency key (a retried handler calls again). */
  calls: Map<string, number>;
  /** Effects per idempotency key: 1 each, whatever the calls. */
  effects: Map<string, number>;
  /** Calls per `x-replica` header (which process handled them). */
  byReplica: Map<string, number>;
  failing: boolean;
  close(): Promise<void>;
}

/** Starts a `FakeNetwork` on 127.0.0.1. */
export async function startNetwork(): Promise<FakeNetwork> {
  let server: Server;
  const network: FakeNetwork = {
    url: '',
    calls: new Map(),
    effects: new Map(),
    byReplica: new Map(),
    failing: false,
    close: () => close(server),
  };
  server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    if (network.failing) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'network down' }));
      return;
    }
    const { key } = JSON.parse(text) as { key: string };
    network.calls.set(key, (network.calls.get(key) ?? 0) + 1);
    const replica = String(req.headers['x-replica'] ?? '');
    network.byReplica.set(replica, (network.byReplica.get(replica) ?? 0) + 1);
    if (!network.effects.has(key)) network.effects.set(key, 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `net-${key}` }));
  });
  network.url = await listen(server);
  return network;
}

/** Sends one effect to the network; throws on an outage (the handler then fails and is retried). */
export async function send(networkUrl: string, key: string): Promise<string> {
  const response = await fetch(`${networkUrl}/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  if (!response.ok) throw new Error(`the network answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

/** Polls `check` until it returns true, at most `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
