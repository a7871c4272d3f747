import type { IdGenerator } from '../state/ids.js';

/** A fault injected into matching requests: a status answer, latency, or both. */
export interface Fault {
  id: string;
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Path pattern: `*` matches any characters, `{name}` one segment (`/inbox/tickets/*`). */
  path: string;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** The body of that answer. @default `{ code: 'InjectedFault', message }` */
  body?: unknown;
  /** Extra headers of that answer (a 429 gets `Retry-After: 1` unless given). */
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  latencyMs?: number;
  /** Apply to this many requests, then remove itself (forever when absent). */
  times?: number;
}

/** The faults in force. */
export interface FaultRegistry {
  /** How many faults are in force (0 skips the lookup on the hot path). */
  readonly count: number;
  add(fault: Omit<Fault, 'id'>): Fault;
  list(): Fault[];
  remove(id: string): boolean;
  clear(): void;
  /** The first fault matching the request (counting one use), if any. */
  take(method: string, path: string): Fault | undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.+?^$()|[\]\\]/g, '\\$&');

const toPattern = (path: string) =>
  new RegExp(
    `^${path
      .split(/(\*|\{[^}/]*\})/)
      .map((part) =>
        part === '*' ? '.*' : /^\{[^}/]*\}$/.test(part) ? '[^/]+' : escapeRegExp(part),
      )
      .join('')}$`,
  );

/** Creates an empty fault registry. */
export function createFaultRegistry(ids: IdGenerator): FaultRegistry {
  let faults: Array<{ fault: Fault; pattern: RegExp }> = [];
  return {
    get count() {
      return faults.length;
    },
    add: (input) => {
      const fault = { id: ids.uuid(), ...input };
      faults.push({ fault, pattern: toPattern(input.path) });
      return fault;
    },
    list: () => faults.map((f) => f.fault),
    remove: (id) => {
      const before = faults.length;
      faults = faults.filter((f) => f.fault.id !== id);
      return faults.length < before;
    },
    clear: () => {
      faults = [];
    },
    take: (method, path) => {
      if (faults.length === 0) return undefined;
      const entry = faults.find(
        (f) => (f.fault.method === undefined || f.fault.method === method) && f.pattern.test(path),
      );
      if (!entry) return undefined;
      if (entry.fault.times !== undefined) {
        entry.fault.times--;
        if (entry.fault.times <= 0) faults = faults.filter((f) => f !== entry);
      }
      return entry.fault;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies the fault matching a request, if any: waits its latency, then returns its answer
 * (or `undefined` when the request should go on).
 */
export async function applyFault(
  faults: FaultRegistry,
  method: string,
  path: string,
): Promise<{ status: number; body: unknown; headers: Record<string, string> } | undefined> {
  if (faults.count === 0) return undefined;
  const fault = faults.take(method, path);
  if (!fault) return undefined;
  if (fault.latencyMs) await sleep(fault.latencyMs);
  if (fault.status === undefined) return undefined;
  return {
    status: fault.status,
    body: fault.body ?? { code: 'InjectedFault', message: `Error: Injected fault ${fault.status}` },
    headers: { ...(fault.status === 429 ? { 'retry-after': '1' } : {}), ...fault.headers },
  };
}
