/** A URL for a log line or a message: every query value replaced with `***` (they may hold keys). */
export function redactQuery(url: string): string {
  if (!URL.canParse(url)) return url.replace(/\?.*$/, '?***');
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  if (parsed.search === '') return parsed.href;
  const names = [...new Set(parsed.searchParams.keys())];
  parsed.search = names.map((name) => `${encodeURIComponent(name)}=***`).join('&');
  return parsed.href.replaceAll('=%2A%2A%2A', '=***');
}
