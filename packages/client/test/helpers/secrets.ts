import { inspect } from 'node:util';
import { expect } from 'vitest';

/** Everything the suite caught or logged, searched for tokens after each test file. */
const produced: { where: string; value: unknown }[] = [];
/** Every token the suite sends; none may appear in anything `produced` holds. */
const secrets = new Set<string>();

/** Registers a token the suite uses, and returns it. */
export function secret(token: string): string {
  secrets.add(token);
  return token;
}

/** Records a value (an error, a log event, a result) for the token search. */
export function record<T>(where: string, value: T): T {
  produced.push({ where, value });
  return value;
}

/** Awaits a promise that must reject, records the error and returns it. */
export async function caught(promise: Promise<unknown>, where = 'caught'): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return record(where, error);
  }
  throw new Error(`${where}: expected a rejection`);
}

/**
 * Every string reachable from a value: inspect with hidden fields and internal state (no custom
 * inspect, so a Response shows undici's `urlList`), JSON, plus the usual error fields.
 */
export function reachableText(value: unknown, seen = new Set<unknown>(), depth = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return '';
  seen.add(value);
  let text = inspect(value, { depth: 8, showHidden: true, getters: true });
  text += inspect(value, { depth: Infinity, showHidden: true, customInspect: false });
  try {
    text += JSON.stringify(value);
  } catch {
    // A cycle: inspect has walked it.
  }
  const fields = value as Record<string, unknown>;
  for (const key of ['message', 'stack', 'url', 'cause', 'errors', 'response', 'body', 'data']) {
    try {
      text += `\n${reachableText(fields[key], seen, depth + 1)}`;
    } catch {
      // A getter that throws holds nothing to leak.
    }
  }
  for (const key of Object.getOwnPropertyNames(value))
    text += `\n${reachableText(fields[key], seen, depth + 1)}`;
  return text;
}

/** Asserts that nothing recorded so far mentions a registered token; called after each file. */
export function expectNoSecretsProduced(): void {
  for (const { where, value } of produced) {
    const text = reachableText(value);
    for (const token of secrets) {
      expect(text.includes(token), `${where} mentions a token`).toBe(false);
      expect(text.includes(encodeURIComponent(token)), `${where} mentions a token`).toBe(false);
    }
  }
}

/** How many values were searched (so the search itself can be checked to have run). */
export function producedCount(): number {
  return produced.length;
}
