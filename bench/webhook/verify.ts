/**
 * Verifications per second, side by side in one run: @socialhub/webhook-kit (node:crypto path),
 * a bare node:crypto verifier, the re-serialising approach of SocialHub's published Node sample,
 * and the kit on Web Crypto; for a 409-byte and a 64 KiB compact delivery. Prints ratios against
 * the bare verifier. Not a test: it asserts nothing about absolute times.
 *
 *   pnpm --filter @socialhub/bench webhook        (ROUNDS=7 MS=300 to change the effort)
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { cryptoImplementation, signDelivery, verifyDelivery } from '@socialhub/webhook-kit';
import { createCore } from '../../packages/webhook-kit/dist/create-core.js';
// The Web Crypto build is what the "default" condition selects off Node; reach it by file,
// since Node always matches the "node" condition.
import { cryptoProvider as webCrypto } from '../../packages/webhook-kit/dist/crypto/crypto-web.js';

const SECRET = 'whsec_7Qm2Vx9Lk4Rt8Np3Hs6Jd1Fg5Bz0Wc2Ye';
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const MS = Number(process.env.MS ?? 300);

function delivery(targetBytes: number): string {
  const event = (i: number) => ({
    ticketId: '5eb47a02a545b82b5b522cd1',
    networkItemId: `cf-${String(i).padStart(4, '0')}`,
    type: 'reply',
    actionId: 'reply',
    payload: { followupId: '2b9c4f0e-6d1a-4e8b-9f3c-5a7d1e2f4b6c', text: "Hi Anna, we're on it" },
    time: 1588886294126,
    uuid: `8f0f7c1e-3a4b-4c5d-9e6f-${String(i).padStart(12, '0')}`,
  });
  const envelope = {
    manifestId: '5e73f56c5a45da10b6e614dd',
    accountId: '5e73f5245a45da10b6e614d8',
    channelId: '5eb47954a545b82b5b522cce',
    events: { ticket_action: [event(1)] },
  };
  let body = JSON.stringify(envelope);
  while (Buffer.byteLength(body) + Buffer.byteLength(JSON.stringify(event(0))) + 1 <= targetBytes) {
    envelope.events.ticket_action.push(event(envelope.events.ticket_action.length + 1));
    body = JSON.stringify(envelope);
  }
  // Pad the last event's text so the body is exactly the target size.
  const last = envelope.events.ticket_action.at(-1);
  if (last)
    last.payload.text = last.payload.text.padEnd(
      last.payload.text.length + targetBytes - Buffer.byteLength(body),
      '!',
    );
  body = JSON.stringify(envelope);
  if (Buffer.byteLength(body) !== targetBytes) throw new Error(`${targetBytes}-byte body expected`);
  return body;
}

/** A bare verifier on node:crypto: what a careful hand-written check costs. */
function bareNode(body: Uint8Array, timestamp: string, signature: string): string | undefined {
  const challenge = createHash('sha256').update(`${timestamp};${SECRET}`).digest('hex');
  const mac = createHmac('sha256', challenge).update(body).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === mac.length && timingSafeEqual(given, mac) ? challenge : undefined;
}

/** SocialHub's published sample: parse, re-serialise, HMAC, compare with !==. */
function reserialising(body: Uint8Array, timestamp: string, signature: string): string | undefined {
  const parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  const challenge = createHash('sha256').update(`${timestamp};${SECRET}`).digest('hex');
  const expected = createHmac('sha256', challenge).update(JSON.stringify(parsed)).digest('hex');
  return expected !== signature ? undefined : challenge;
}

const web = createCore(webCrypto);

type Contender = {
  name: string;
  run: (body: Uint8Array, headers: Record<string, string>) => unknown;
};

const contenders: Contender[] = [
  {
    name: `webhook-kit (${cryptoImplementation})`,
    run: (body, h) => verifyDelivery(body, h, { secret: SECRET }),
  },
  {
    name: 'bare node:crypto',
    run: (body, h) =>
      bareNode(body, h['x-socialhub-timestamp'] ?? '', h['x-socialhub-signature'] ?? ''),
  },
  {
    name: 're-serialising sample',
    run: (body, h) =>
      reserialising(body, h['x-socialhub-timestamp'] ?? '', h['x-socialhub-signature'] ?? ''),
  },
  {
    name: 'webhook-kit (Web Crypto)',
    run: (body, h) => web.verifyDelivery(body, h, { secret: SECRET }),
  },
];

/** Runs `fn` for about `ms` milliseconds and returns operations per second. */
async function measure(fn: () => unknown, ms: number): Promise<number> {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 256; i++) {
      const r = fn();
      // Await only real promises: the sync contenders are measured as they would be used.
      if (r instanceof Promise) await r;
    }
    ops += 256;
    elapsed = performance.now() - start;
  }
  return (ops * 1000) / elapsed;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(12);

console.log(
  `node ${process.version}, ${ROUNDS} interleaved rounds of ${MS} ms per contender, median shown\n`,
);
for (const size of [409, 64 * 1024]) {
  const text = delivery(size);
  const body = new Uint8Array(Buffer.from(text));
  const { headers } = await signDelivery(body, { secret: SECRET });
  for (const c of contenders) {
    const ok = await c.run(body, headers);
    if (typeof ok !== 'string') throw new Error(`${c.name} rejected a valid delivery`);
  }
  const samples = new Map(contenders.map((c) => [c.name, [] as number[]]));
  // Warm every contender up (JIT) before measuring, then rotate the order each round so none
  // always runs first.
  for (const c of contenders) await measure(() => c.run(body, headers), 250);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const c = contenders[(i + round) % contenders.length] as Contender;
      samples.get(c.name)?.push(await measure(() => c.run(body, headers), MS));
    }
  }
  const bare = median(samples.get('bare node:crypto') ?? []);
  console.log(`body ${body.byteLength} bytes`);
  console.log(`  ${'contender'.padEnd(28)} ${'verify/s'.padStart(12)}   vs bare node:crypto`);
  for (const c of contenders) {
    const ops = median(samples.get(c.name) ?? []);
    console.log(`  ${c.name.padEnd(28)} ${fmt(ops)}   ${(ops / bare).toFixed(2)}x`);
  }
  console.log('');
}
