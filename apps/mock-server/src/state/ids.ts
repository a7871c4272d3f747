import { randomBytes, randomUUID } from 'node:crypto';

/** Makes SocialHub-shaped ids: ObjectIds (24 hex) and UUIDs, random or from a seed. */
export interface IdGenerator {
  objectId(): string;
  uuid(): string;
  /** Random bytes (from the seed when there is one). */
  bytes(count: number): Uint8Array;
  /** Starts the seeded sequence over (no effect without a seed). */
  reset(): void;
}

/** splitmix32: a tiny, well-mixed 32-bit generator; reproducible ids need no more. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/**
 * Creates an id generator. With a `seed` every id (and so every run) is reproducible; without
 * one ids come from node:crypto.
 */
export function createIdGenerator(seed?: number): IdGenerator {
  if (seed === undefined) {
    // One syscall per 4 KiB of randomness rather than one per id.
    let pool = randomBytes(4096);
    let offset = 0;
    const take = (count: number) => {
      if (offset + count > pool.length) {
        pool = randomBytes(Math.max(4096, count));
        offset = 0;
      }
      offset += count;
      return pool.subarray(offset - count, offset);
    };
    return {
      objectId: () => toHex(take(12)),
      uuid: () => randomUUID(),
      bytes: (count) => new Uint8Array(randomBytes(count)),
      reset: () => {},
    };
  }
  let next = splitmix32(seed);
  const bytes = (count: number) => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i += 4) {
      const word = next();
      for (let j = 0; j < 4 && i + j < count; j++) out[i + j] = (word >>> (j * 8)) & 0xff;
    }
    return out;
  };
  return {
    objectId: () => toHex(bytes(12)),
    uuid: () => {
      const b = bytes(16);
      b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
      b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
      const h = toHex(b);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    bytes,
    reset: () => {
      next = splitmix32(seed);
    },
  };
}
