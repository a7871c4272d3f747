/**
 * Differences between the request of a public operation and the request of its API2
 * counterpart: authentication, parameters (path parameters matched through their renames) and
 * the body schema.
 */
import { isDeepStrictEqual } from 'node:util';
import type { RequestParameter, RequestShape } from './request-shape.js';
import { type Difference, diffSchemas, summarize } from './schema-differences.js';

const list = (values: readonly string[]) =>
  values.length ? values.map((v) => `\`${v}\``).join(', ') : 'none';

/**
 * Lists every difference between two requests. `renames` maps a public parameter name to its
 * API2 name (`{ ticketId: 'id' }`); pointers use the public names.
 * @example diffRequests(openapiRequest(pub, '/channel', 'delete'), swaggerRequest(api2, '/public/channel', 'delete'))
 */
export function diffRequests(
  publicRequest: RequestShape,
  api2Request: RequestShape,
  renames: Readonly<Record<string, string>> = {},
): Difference[] {
  const out: Difference[] = [];
  if (!isDeepStrictEqual(publicRequest.auth, api2Request.auth)) {
    out.push({
      pointer: '/auth',
      keyword: 'security',
      detail: `public ${list(publicRequest.auth)}; API2 ${list(api2Request.auth)}`,
    });
  }
  const api2Name = (p: RequestParameter) => renames[p.name] ?? p.name;
  const matched = new Set<RequestParameter>();
  for (const p of publicRequest.parameters) {
    const at = `/${p.in}/${p.name}`;
    const q = api2Request.parameters.find((c) => c.in === p.in && c.name === api2Name(p));
    if (!q) {
      out.push({
        pointer: at,
        keyword: 'parameter',
        detail: `only in public: ${summarize(p.schema)}`,
      });
      continue;
    }
    matched.add(q);
    if (q.name !== p.name) {
      out.push({
        pointer: at,
        keyword: 'name',
        detail: `public \`${p.name}\`; API2 \`${q.name}\``,
      });
    }
    if (q.required !== p.required) {
      const word = (r: boolean) => (r ? 'required' : 'optional');
      out.push({
        pointer: at,
        keyword: 'required',
        detail: `public ${word(p.required)}; API2 ${word(q.required)}`,
      });
    }
    out.push(...diffSchemas(p.schema, q.schema, at));
  }
  for (const q of api2Request.parameters) {
    if (matched.has(q)) continue;
    out.push({
      pointer: `/${q.in}/${q.name}`,
      keyword: 'parameter',
      detail: `only in API2: ${summarize(q.schema)}`,
    });
  }
  const x = publicRequest.body;
  const y = api2Request.body;
  if (x && y) {
    if (x.required !== y.required) {
      const word = (r: boolean) => (r ? 'required' : 'optional');
      out.push({
        pointer: '/body',
        keyword: 'requestBody',
        detail: `public ${word(x.required)}; API2 ${word(y.required)}`,
      });
    }
    if (!isDeepStrictEqual(x.mediaTypes, y.mediaTypes)) {
      out.push({
        pointer: '/body',
        keyword: 'mediaType',
        detail: `public ${list(x.mediaTypes)}; API2 ${list(y.mediaTypes)}`,
      });
    }
    out.push(...diffSchemas(x.schema, y.schema, '/body'));
  } else if (x || y) {
    const side = x ? 'public' : 'API2';
    out.push({
      pointer: '/body',
      keyword: 'requestBody',
      detail: `only in ${side}: ${summarize((x ?? y)?.schema ?? {})}`,
    });
  }
  return out;
}
