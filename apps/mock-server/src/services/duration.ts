const SECOND = 1000;
const DAY = 86_400 * SECOND;

const UNITS: Array<[RegExp, number]> = [
  [/^(ms|msecs?|milliseconds?)$/, 1],
  [/^(s|secs?|seconds?)$/, SECOND],
  [/^(m|mins?|minutes?)$/, 60 * SECOND],
  [/^(h|hrs?|hours?)$/, 3600 * SECOND],
  [/^(d|days?)$/, DAY],
  [/^(w|wks?|weeks?)$/, 7 * DAY],
  [/^(mo|mths?|months?)$/, 30.4375 * DAY],
  [/^(y|yrs?|years?)$/, 365.25 * DAY],
];

/**
 * Parses a ticket action timeout duration the way SocialHub's `juration` does for the common
 * forms (`24h`, `2 days`, `1h 30min`, `90` seconds); `undefined` when it cannot.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text
    .trim()
    .toLowerCase()
    .replace(/,|\band\b/g, ' ');
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * SECOND;
  if (!/^(\s*\d+(\.\d+)?\s*[a-z]+)+\s*$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)) {
    const factor = UNITS.find(([pattern]) => pattern.test(unit ?? ''))?.[1];
    if (factor === undefined) return undefined;
    total += Number(amount) * factor;
  }
  return total;
}
