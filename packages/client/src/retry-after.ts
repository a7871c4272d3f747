/**
 * Parses a `Retry-After` header into milliseconds from `now`: delay-seconds (`120`) or an
 * HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`), as RFC 9110 allows. A date in the past gives `0`;
 * a missing or malformed value gives `undefined`.
 * @example
 * parseRetryAfter('2', Date.now()); // 2000
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date always names a weekday and a GMT time; plain numbers with signs or fractions are malformed.
  if (!/^[A-Za-z]{3},\s/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
