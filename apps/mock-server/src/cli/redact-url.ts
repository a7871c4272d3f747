/** What a query value or credential is replaced with (as in the mock's log lines). */
const REDACTED = '[redacted]';

/** A URL for a log line or a message: every query value (it may hold a key) and any credentials redacted. */
export function redactQuery(url: string): string {
  if (!URL.canParse(url)) return url.replace(/\?.*$/, `?${REDACTED}`);
  const parsed = new URL(url);
  const hasCredentials = parsed.username !== '' || parsed.password !== '';
  parsed.username = '';
  parsed.password = '';
  const names = [...new Set(parsed.searchParams.keys())];
  parsed.search = '';
  const query = names.map((name) => `${encodeURIComponent(name)}=${REDACTED}`).join('&');
  const base = hasCredentials ? parsed.href.replace('://', `://${REDACTED}@`) : parsed.href;
  return query ? `${base.replace(/#.*$/, '')}?${query}` : base;
}
