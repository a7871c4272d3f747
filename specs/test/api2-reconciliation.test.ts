/**
 * Reconciliation with API2: each public operation is paired with its `/public/...` counterpart
 * in the restored API2 Swagger file (corrections applied), their requests are compared, and
 * every difference must be a row of the table in `specs/README.md` (and every row a difference).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeps } from '@socialhub/codegen/deps';
import { correctedApi2, loadCorrections, PATHS, ROOT, readYaml } from '@socialhub/codegen/pipeline';
import { describe, expect, it } from 'vitest';
import { type Json, type JsonObject, doc as publicDoc } from './public-helpers.js';
import {
  formatRow,
  parseTable,
  type RowKey,
  readSectionTable,
  reconcile,
  rowKey,
  SECTION_TITLE,
  splitCells,
} from './reconciliation-table.js';
import { diffRequests } from './request-differences.js';
import { openapiRequest, type RequestShape, swaggerRequest } from './request-shape.js';
import { resolveRefs } from './resolve-refs.js';
import { diffSchemas } from './schema-differences.js';

// The API2 document every generated artefact comes from: the restored file plus its corrections.
const api2 = correctedApi2(
  await readYaml(await loadDeps(), join(ROOT, PATHS.api2Spec)),
  await loadCorrections(),
).doc as JsonObject;
const readmePath = join(ROOT, 'specs/README.md');
const readme = readFileSync(readmePath, 'utf8');

/** A public operation, its API2 counterpart, and the path parameters API2 names differently. */
interface Pair {
  public: string;
  api2: string;
  /** Public parameter name → API2 parameter name. */
  renames?: Record<string, string>;
}

const PAIRS: Pair[] = [
  { public: 'GET /', api2: 'GET /public' },
  { public: 'PATCH /manifest', api2: 'PATCH /public/manifest' },
  { public: 'POST /channels', api2: 'POST /public/channels' },
  { public: 'PATCH /channel', api2: 'PATCH /public/channel' },
  { public: 'DELETE /channel', api2: 'DELETE /public/channel' },
  { public: 'POST /inbox/tickets', api2: 'POST /public/inbox/tickets' },
  {
    public: 'PATCH /inbox/tickets/{ticketId}',
    api2: 'PATCH /public/inbox/tickets/{id}',
    renames: { ticketId: 'id' },
  },
  {
    public: 'POST /inbox/tickets/{ticketId}/replies/{followupId}/success',
    api2: 'POST /public/inbox/tickets/{id}/replies/{rid}/success',
    renames: { ticketId: 'id', followupId: 'rid' },
  },
  {
    public: 'POST /inbox/tickets/{ticketId}/reset/{actionId}',
    api2: 'POST /public/inbox/tickets/{id}/reset/{aid}',
    renames: { ticketId: 'id', actionId: 'aid' },
  },
];

/** Documents a row's source may name (see the README section). */
const SOURCE = /\b(seed 00[0-4]|facts|contract|API2 defect|restoration)\b/;

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

/** `METHOD /path` of every operation in `doc` whose path passes `keep`. */
function operationKeys(doc: JsonObject, keep: (path: string) => boolean): string[] {
  return Object.entries(doc.paths as JsonObject)
    .filter(([path]) => keep(path))
    .flatMap(([path, item]) =>
      Object.keys(item as JsonObject)
        .filter((k) => METHODS.includes(k))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
}

function split(key: string): [method: string, path: string] {
  const [method = '', path = ''] = key.split(' ');
  return [method.toLowerCase(), path];
}

function publicRequest(key: string, doc: JsonObject = publicDoc): RequestShape {
  const [method, path] = split(key);
  return openapiRequest(doc, path, method);
}

function api2Request(key: string): RequestShape {
  const [method, path] = split(key);
  return swaggerRequest(api2, path, method);
}

/** Every difference of every pair, as table-row keys. */
function computeRows(pairs: Pair[] = PAIRS, doc: JsonObject = publicDoc): RowKey[] {
  return pairs.flatMap((pair) =>
    diffRequests(publicRequest(pair.public, doc), api2Request(pair.api2), pair.renames).map(
      ({ pointer, keyword, detail }) => ({
        operation: pair.public,
        pointer,
        keyword,
        difference: detail,
      }),
    ),
  );
}

const table = parseTable(readme);
const computed = computeRows();

describe('pairing of public and API2 operations', () => {
  it('pairs every public operation exactly once', () => {
    expect(PAIRS.map((p) => p.public).sort()).toEqual(operationKeys(publicDoc, () => true).sort());
  });

  it('pairs every API2 /public operation exactly once', () => {
    expect(PAIRS.map((p) => p.api2).sort()).toEqual(
      operationKeys(api2, (path) => path === '/public' || path.startsWith('/public/')).sort(),
    );
  });

  it('pairs the same method and path, up to the /public prefix and the listed renames', () => {
    for (const pair of PAIRS) {
      const [method, path] = split(pair.public);
      let renamed = path;
      for (const [from, to] of Object.entries(pair.renames ?? {})) {
        renamed = renamed.replace(`{${from}}`, `{${to}}`);
      }
      const expected = `${method.toUpperCase()} /public${renamed === '/' ? '' : renamed}`;
      expect(pair.api2, pair.public).toBe(expected);
    }
  });
});

describe(`specs/README.md "${SECTION_TITLE}"`, () => {
  const { missing, stale } = reconcile(computed, table);

  it('lists every difference between the paired requests', () => {
    expect(
      missing.map((row) => formatRow({ ...row, source: '?' })),
      'differences missing from the README table (add these rows and name their source)',
    ).toEqual([]);
  });

  it('has no row that is no longer a difference', () => {
    expect(
      stale.map((row) => `README line ${row.line}: ${formatRow(row)}`),
      'README rows that no longer match a computed difference (remove or update them)',
    ).toEqual([]);
  });

  it('lists each difference once and names its source', () => {
    const keys = table.map(rowKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const unsourced = table.filter((row) => !SOURCE.test(row.source));
    expect(unsourced.map((row) => `README line ${row.line}: ${row.source}`)).toEqual([]);
  });

  it('lists the pairs with their number of differences', () => {
    const pairs = readSectionTable(readme, ['public', 'API2', 'rows']).map(({ cells }) => cells);
    expect(pairs).toEqual(
      PAIRS.map((pair) => [
        pair.public,
        pair.api2,
        String(computed.filter((row) => row.operation === pair.public).length),
      ]),
    );
  });

  it('counts the differences by keyword', () => {
    const counts = new Map<string, number>();
    for (const row of computed) counts.set(row.keyword, (counts.get(row.keyword) ?? 0) + 1);
    const listed = readSectionTable(readme, ['keyword', 'rows', 'what']).map(({ cells }) => [
      cells[0],
      Number(cells[1]),
    ]);
    expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(counts));
  });

  it('keeps the table in the order the comparison lists the differences', () => {
    const order = computed.map(rowKey);
    const listed = table.map(rowKey).filter((k) => order.includes(k));
    expect(listed).toEqual(order.filter((k) => listed.includes(k)));
  });
});

describe('the comparison', () => {
  it('finds a difference that is taken out of the public contract', () => {
    // Move `networkId` back under `endpoint`, as API2 has it: both networkId rows disappear.
    const doc = structuredClone(publicDoc);
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    const create = schemas.ChannelCreate as JsonObject;
    const { networkId, ...rest } = create.properties as JsonObject;
    create.properties = rest;
    const endpoint = schemas.ChannelEndpointCreate as JsonObject;
    endpoint.properties = { networkId: networkId as Json, ...(endpoint.properties as JsonObject) };
    const pair = PAIRS.find((p) => p.public === 'POST /channels') as Pair;
    const before = computeRows([pair]).map((r) => r.pointer);
    const after = computeRows([pair], doc).map((r) => r.pointer);
    expect(before).toContain('/body/networkId');
    expect(before).toContain('/body/endpoint/networkId');
    expect(after).not.toContain('/body/networkId');
    expect(after).not.toContain('/body/endpoint/networkId');
  });

  it('reports properties, values, required lists and nullability', () => {
    const differences = diffSchemas(
      {
        type: 'object',
        required: ['a'],
        additionalProperties: false,
        properties: {
          a: { type: 'string', maxLength: 5, description: 'ignored' },
          b: { anyOf: [{ type: 'string', format: 'uri' }, { type: 'null' }] },
          c: { type: 'array', items: { type: 'string', enum: ['x', 'y'] } },
        },
      },
      {
        type: 'object',
        properties: {
          a: { type: 'string' },
          b: { type: 'string', format: 'uri' },
          c: { type: 'array', items: { type: 'string', enum: ['x', 'z'] } },
          d: { type: 'integer' },
        },
      },
      '/body',
    );
    expect(differences).toEqual([
      { pointer: '/body', keyword: 'required', detail: 'public only: `a`' },
      { pointer: '/body', keyword: 'additionalProperties', detail: 'public `false`; API2 none' },
      { pointer: '/body/a', keyword: 'maxLength', detail: 'public `5`; API2 none' },
      { pointer: '/body/b', keyword: 'nullable', detail: 'public nullable; API2 not nullable' },
      { pointer: '/body/c/[]', keyword: 'enum', detail: 'public only: `y`; API2 only: `z`' },
      { pointer: '/body/d', keyword: 'property', detail: 'only in API2: integer' },
    ]);
  });

  it('splits a discriminated oneOf into branches and shares rows between them', () => {
    const branch = (type: string, extra: JsonObject = {}) => ({
      type: 'object',
      properties: { type: { const: type }, id: { type: 'string' }, ...extra },
    });
    const differences = diffSchemas(
      {
        oneOf: [branch('a', { max: { type: 'number' } }), branch('b'), branch('c')],
        discriminator: { propertyName: 'type' },
      },
      { type: 'object', properties: { type: { type: 'string' }, id: { type: 'integer' } } },
      '/x',
    );
    expect(differences).toEqual([
      {
        pointer: '/x',
        keyword: 'oneOf',
        detail: 'public one of by `type`: `a`, `b`, `c`; API2 one schema (object)',
      },
      { pointer: '/x/type=*/id', keyword: 'type', detail: 'public `string`; API2 `integer`' },
      { pointer: '/x/type=a/max', keyword: 'property', detail: 'only in public: number' },
    ]);
  });

  it('states an "at least one of" rule and refuses keywords it does not know', () => {
    expect(diffSchemas({ anyOf: [{ required: ['a'] }, { required: ['b'] }] }, {}, '')).toEqual([
      { pointer: '', keyword: 'anyOf', detail: 'public at least one of `a`, `b`; API2 none' },
    ]);
    expect(() => diffSchemas({ not: {} }, {}, '/body')).toThrow(/unsupported keyword not/);
    expect(() => diffSchemas({ allOf: [] }, {}, '/body')).toThrow(/unsupported keyword allOf/);
  });

  it('resolves refs with their sibling keywords and refuses cycles', () => {
    const doc: JsonObject = {
      defs: { A: { type: 'string', description: 'a' }, B: { $ref: '#/defs/B' } },
    };
    expect(resolveRefs(doc, { $ref: '#/defs/A', description: 'b' })).toEqual({
      type: 'string',
      description: 'b',
    });
    expect(() => resolveRefs(doc, { $ref: '#/defs/B' })).toThrow(/ref cycle/);
  });

  it('tells a missing row from a stale one', () => {
    const difference = { operation: 'GET /', pointer: '/query/a', keyword: 'pattern' };
    const now = { ...difference, difference: 'public `^b$`; API2 none' };
    const row = { ...difference, difference: 'public `^a$`; API2 none', source: 'facts', line: 9 };
    expect(reconcile([now], [row])).toEqual({ missing: [now], stale: [row] });
    expect(reconcile([now], [{ ...row, ...now }])).toEqual({ missing: [], stale: [] });
  });

  it('reads and writes table cells with escaped pipes', () => {
    const row = {
      operation: 'POST /x',
      pointer: '/body/p',
      keyword: 'pattern',
      difference: 'public `^(a|b)$`; API2 none',
      source: 'facts',
    };
    const line = formatRow(row);
    expect(line).toContain('\\|');
    expect(splitCells(line)).toEqual([
      '`POST /x`',
      '`/body/p`',
      '`pattern`',
      'public `^(a|b)$`; API2 none',
      'facts',
    ]);
    const [parsed] = parseTable(
      `${SECTION_TITLE}\n\n| operation | pointer | keyword | difference | source |\n|---|---|---|---|---|\n${line}\n`,
    );
    expect(parsed).toMatchObject(row);
  });
});
