// @ts-check

/**
 * A shell word in single quotes (`'` becomes `'\''`), safe for any byte the body may hold.
 * @param {string} text
 */
export function shellQuote(text) {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * A `curl` command that sends exactly the signed request an attempt sent: same method, URL,
 * headers and body bytes (`--data-binary`, so curl changes nothing). Receivers that check the
 * timestamp's age refuse it once their tolerance has passed, as they should.
 * @param {{ method: string, url: string, headers: Record<string, string> }} request
 * @param {string} body the delivery's body ('' for the signed GET)
 * @returns {string}
 */
export function curlCommand(request, body) {
  const parts = [`curl -i -X ${request.method} ${shellQuote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers))
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (request.method !== 'GET') parts.push(`--data-binary ${shellQuote(body)}`);
  return parts.join(' \\\n  ');
}
