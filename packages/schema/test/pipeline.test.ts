import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type EmitContext, emitSchema } from '@socialhub/codegen/emit-zod';
import { runPipeline } from '@socialhub/codegen/pipeline';
import { describe, expect, test } from 'vitest';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('the pipeline on a small Swagger 2.0 document', async () => {
  const { files, report } = await runPipeline({
    api2Spec: fixture('mini-api2.yaml'),
    api2Corrections: fixture('mini-api2.corrections.yaml'),
    publicSpec: fixture('does-not-exist.yaml'),
  });
  const file = (name: string) => files.find((f) => f.path.endsWith(name))?.content ?? '';

  test('writes the five API2 artefacts, each with a header naming the command', () => {
    expect(files.map((f) => f.path.split('/').pop())).toEqual([
      'api2.openapi.gen.json',
      'api2.types.gen.ts',
      'api2.zod.gen.ts',
      'api2.operations.gen.ts',
      'api2.transport.gen.ts',
    ]);
    for (const f of files) expect(f.content).toContain('`pnpm generate` (@socialhub/codegen)');
    expect(report.api2).toMatchObject({
      paths: 2,
      operations: 4,
      schemas: 3,
      derivedOperationIds: 4,
    });
    expect(report.warnings).toEqual([expect.stringContaining('does not exist yet')]);
  });

  test('the zod module runs: recursion, corrected pattern, closed object, coerced query', async () => {
    const dir = fileURLToPath(new URL('../.tmp/', import.meta.url));
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}mini.zod.gen.ts`, file('api2.zod.gen.ts'));
    const zod = await import(`${dir}mini.zod.gen.ts`);
    const ticket = {
      _id: 'a'.repeat(24),
      parent: { _id: 'b'.repeat(24), action: 'reply' },
      extra: true,
    };
    expect(zod.TicketSchema.parse(ticket)).toEqual(ticket);
    expect(zod.TicketSchema.safeParse({ parent: { action: '/reply/' } }).success).toBe(false);
    expect(
      zod.ChannelSchema.safeParse({ _id: 'a'.repeat(24), name: 'x', pageId: '123' }).success,
    ).toBe(true);
    expect(
      zod.ChannelSchema.safeParse({ _id: 'a'.repeat(24), name: 'x', counts: { posts: 1, more: 2 } })
        .success,
    ).toBe(false);
    const [a, b] = ['a'.repeat(24), 'b'.repeat(24)];
    expect(zod.getChannelsQuery.parse({ limit: '5', active: 'true', ids: `${a},${b}` })).toEqual({
      limit: 5,
      active: true,
      ids: [a, b],
    });
    expect(zod.getChannelsQuery.safeParse({ ids: 'x' }).success).toBe(false);
    expect(zod.getChannelsQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(zod.patchChannelsByChannelIdTreeBody.safeParse({ name: 'n', ids: ['a'] }).success).toBe(
      true,
    );
  });

  test('the operations table names schemas by pointer and zod export', () => {
    const table = file('api2.operations.gen.ts');
    expect(table).toContain(
      'requestBody: { required: true, contentType: "application/json", schema: { ref: "#/components/schemas/Channel", zod: "ChannelSchema" } }',
    );
    expect(table).toContain('zod: { query: "getChannelsQuery" }');
  });
});

describe('the emitter refuses what it cannot mirror', () => {
  const ctx: EmitContext = {
    doc: {},
    names: new Map(),
    defined: new Set(),
    where: '#/x',
    discriminated: new Set(),
  };

  test.each([
    ['tuples', { type: 'array', prefixItems: [{ type: 'string' }] }],
    ['patternProperties', { type: 'object', patternProperties: { '^x': { type: 'string' } } }],
    ['unknown references', { $ref: '#/components/schemas/Nope' }],
    ['invalid patterns', { type: 'string', pattern: '(' }],
  ])('%s', (_, schema) => {
    expect(() => emitSchema(schema, ctx)).toThrow(/emit-zod: #\/x/);
  });

  test('and mirrors what it can', () => {
    expect(emitSchema({ type: 'string', enum: ['a', 'b'], nullable: true }, ctx).code).toBe(
      'z.literal(["a", "b", null])',
    );
    expect(emitSchema({ type: 'object' }, ctx).code).toBe('z.record(z.string(), z.unknown())');
    expect(emitSchema({}, ctx).code).toBe('z.unknown()');
    expect(emitSchema({ type: ['string', 'null'] }, ctx).code).toBe(
      'z.union([z.string(), z.null()])',
    );
  });
});
