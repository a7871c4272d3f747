/** Any header bag the core accepts: a fetch `Headers`, a plain record or node's `IncomingHttpHeaders`. */
export type HeadersInput =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/**
 * Reads one header case-insensitively. Repeated values are joined with ", " as `Headers.get`
 * does, so a duplicated signature or timestamp fails validation instead of picking one copy.
 */
export function readHeader(headers: HeadersInput, lowerName: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(lowerName) ?? undefined;
  }
  const record = headers as Readonly<
    Record<string, string | readonly string[] | number | undefined>
  >;
  let value = Object.hasOwn(record, lowerName) ? record[lowerName] : undefined;
  if (value === undefined) {
    for (const key of Object.keys(record)) {
      if (key.length === lowerName.length && key.toLowerCase() === lowerName) {
        value = record[key];
        break;
      }
    }
  }
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value.join(', ');
}
