/** What a `Prefer` header asks of the mock. */
export type PreferredStatus =
  | { readonly kind: 'none' }
  | { readonly kind: 'status'; readonly status: string }
  | { readonly kind: 'invalid'; readonly value: string };

/**
 * Reads the `code=NNN` preference of a `Prefer` header (RFC 7240, as Prism uses it):
 * `Prefer: code=404` or `Prefer: respond-async, code="409"`. Other preferences are ignored.
 */
export function readPreferredStatus(header: string | undefined): PreferredStatus {
  if (header === undefined) return { kind: 'none' };
  for (const preference of header.split(',')) {
    const token = preference.split(';', 1)[0]?.trim() ?? '';
    const equals = token.indexOf('=');
    if (equals === -1 || token.slice(0, equals).trim().toLowerCase() !== 'code') continue;
    const value = token
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return /^[1-5]\d\d$/.test(value)
      ? { kind: 'status', status: value }
      : { kind: 'invalid', value };
  }
  return { kind: 'none' };
}
