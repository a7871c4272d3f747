import { InvalidOptionsError } from './errors.js';

/**
 * Where the router remembers event `uuid`s it has taken on, so a redelivered event is not
 * handled twice. Back it with Redis or a database when several processes share one webhook.
 */
export interface DedupeStore {
  /** Returns true when `uuid` was not claimed before and is now claimed; false for a duplicate. */
  claim(uuid: string): boolean | Promise<boolean>;
  /** Forgets a claim after its handler failed, so a redelivery is handled again. */
  release(uuid: string): void | Promise<void>;
}

/** Options of `createMemoryDedupeStore`. */
export interface MemoryDedupeStoreOptions {
  /**
   * How many uuids to remember; the least recently claimed are forgotten first.
   * @default 10000
   */
  max?: number;
}

/**
 * An in-memory, bounded LRU `DedupeStore` (the router's default). Per process only.
 * @example
 * createWebhookHandler({ secret, on, dedupe: createMemoryDedupeStore({ max: 50_000 }) });
 */
export function createMemoryDedupeStore(options: MemoryDedupeStoreOptions = {}): DedupeStore & {
  readonly size: number;
} {
  const max = options.max ?? 10_000;
  if (!Number.isInteger(max) || max < 1) {
    throw new InvalidOptionsError('createMemoryDedupeStore({ max }) needs a positive integer');
  }
  // A Set iterates in insertion order: the first entry is the least recently claimed.
  const seen = new Set<string>();
  return {
    claim(uuid) {
      if (seen.has(uuid)) {
        seen.delete(uuid);
        seen.add(uuid);
        return false;
      }
      seen.add(uuid);
      if (seen.size > max) seen.delete(seen.values().next().value as string);
      return true;
    },
    release(uuid) {
      seen.delete(uuid);
    },
    get size() {
      return seen.size;
    },
  };
}
