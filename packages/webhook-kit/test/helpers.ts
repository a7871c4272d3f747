import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { createWebhookHandler, type WebhookHandlerOptions } from '../src/webhook-handler.js';

import { compactVector, SECRET, TIMESTAMP, type Vector, vectors } from './vectors.js';

/** Starts a node server on 127.0.0.1, an ephemeral port; returns its base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Closes a server started by `listen`, dropping idle keep-alive connections. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
}

export const NOW_FOR_VECTORS = () => Number(TIMESTAMP) + 1_000;

/** A router on the real schemas that records what reaches the handlers. */
export function recordingHandler(overrides: Partial<WebhookHandlerOptions> = {}) {
  const seen: { type: string; uuid: string }[] = [];
  const errors: Error[] = [];
  let notify = () => {};
  const record = (type: string) => (event: { uuid: string }) => {
    seen.push({ type, uuid: event.uuid });
    notify();
  };
  const handler = createWebhookHandler({
    secret: SECRET,
    now: NOW_FOR_VECTORS,
    on: {
      'ticket_action.reply': record('ticket_action.reply'),
      'channel_action.disabled': record('channel_action.disabled'),
    },
    onError: (error) => {
      errors.push(error);
    },
    ...overrides,
  } as WebhookHandlerOptions);
  /** Resolves once `n` events reached handlers. */
  const waitForEvents = (n: number) =>
    new Promise<void>((resolve) => {
      notify = () => {
        if (seen.length >= n) resolve();
      };
      notify();
    });
  return { handler, seen, errors, waitForEvents };
}

export const vectorNamed = (name: string) => vectors.find((v) => v.name === name) as Vector;
export const testRequestVector = vectorNamed('test request (events: {})');

export function signedHeaders(v: Vector = compactVector): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'SocialHub',
    'x-socialhub-timestamp': TIMESTAMP,
    'x-socialhub-signature': v.signature,
  };
}

/**
 * The contract every adapter must keep, run against a real server at `url`: valid deliveries
 * are answered 200 with the challenge and reach the handler; bad ones get the typed error's
 * status and a JSON body; oversized bodies 413; wrong methods 405.
 */
export async function expectAdapterContract(
  url: string,
  recorder: ReturnType<typeof recordingHandler>,
) {
  const delivered = recorder.waitForEvents(1);
  const ok = await fetch(url, {
    method: 'POST',
    body: compactVector.body,
    headers: signedHeaders(),
  });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('x-socialhub-challenge')).toBe(compactVector.challenge);
  expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await ok.json()).toEqual({});
  await delivered;
  expect(recorder.seen).toEqual([
    { type: 'ticket_action.reply', uuid: '8f0f7c1e-3a4b-4c5d-9e6f-7a8b9c0d1e2f' },
  ]);

  const pretty = vectorNamed('pretty-printed JSON');
  const prettyRes = await fetch(url, {
    method: 'POST',
    body: pretty.body,
    headers: signedHeaders(pretty),
  });
  expect(prettyRes.status).toBe(200);
  expect(prettyRes.headers.get('x-socialhub-challenge')).toBe(pretty.challenge);

  const test = await fetch(url, {
    method: 'POST',
    body: testRequestVector.body,
    headers: signedHeaders(testRequestVector),
  });
  expect(test.status).toBe(200);
  expect(test.headers.get('x-socialhub-challenge')).toBe(testRequestVector.challenge);

  const tampered = await fetch(url, {
    method: 'POST',
    body: compactVector.body.replace('Anna', 'Anne'),
    headers: signedHeaders(),
  });
  expect(tampered.status).toBe(401);
  expect(tampered.headers.get('x-socialhub-challenge')).toBeNull();
  expect(await tampered.json()).toMatchObject({ code: 'invalid_signature' });

  const unsigned = await fetch(url, { method: 'POST', body: compactVector.body });
  expect(unsigned.status).toBe(400);
  expect(await unsigned.json()).toMatchObject({ code: 'missing_header' });

  const huge = await fetch(url, {
    method: 'POST',
    body: 'x'.repeat(4096),
    headers: signedHeaders(),
  });
  expect(huge.status).toBe(413);
  expect(await huge.json()).toMatchObject({ code: 'payload_too_large' });

  const get = await fetch(url);
  expect(get.status).toBe(405);
  expect(recorder.seen).toHaveLength(1);
}

/** An unsigned-looking JWT with this payload (SocialHub's tokens cannot be verified anyway). */
export const fakeJwt = (payload: object) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
