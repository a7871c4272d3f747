/** Query values in URLs (`?apikey=...&a=b`), wherever they appear in a text. */
const QUERY_VALUE = /([?&][^=\s&#?"']+=)[^&\s#"']*/g;

/**
 * A log line with every query value redacted (`https://x/hook?apikey=[redacted]`): webhook and
 * callback URLs may carry secrets in their query, and a log must never show them.
 */
export function redactLine(line: string): string {
  return line.includes('=') ? line.replace(QUERY_VALUE, '$1[redacted]') : line;
}
