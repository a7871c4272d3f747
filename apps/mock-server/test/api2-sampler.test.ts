import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/api2/prng.js';
import { createSchemaSampler, type JsonSchema } from '../src/api2/schema-sampler.js';

type AddFormats = typeof addFormatsModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as AddFormats;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

const document = {
  components: {
    schemas: {
      Id: { type: 'string', pattern: '^[a-f0-9]{24}$' },
      Node: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { $ref: '#/components/schemas/Id' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
          parent: { $ref: '#/components/schemas/Node' },
        },
      },
      Loop: { $ref: '#/components/schemas/Loop' },
    },
  },
};
const sampler = createSchemaSampler(document);

/** Samples `schema` with many seeds and checks each value with ajv. */
function expectValid(schema: JsonSchema, seeds = 200): unknown[] {
  const validate = ajv.compile({ ...schema, components: document.components });
  const values: unknown[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const value = sampler.sample(schema, createRandom(seed));
    expect(validate(value) ? [] : validate.errors, JSON.stringify(value)).toEqual([]);
    values.push(value);
  }
  return values;
}

describe('schema sampler', () => {
  it("answers the spec's example where a schema has one (off for drawn requests)", () => {
    const withExample: JsonSchema = { type: 'string', example: '24h' };
    expect(sampler.sample(withExample, createRandom(1))).toBe('24h');
    const drawn = createSchemaSampler(document, { useExamples: false });
    expect(drawn.sample(withExample, createRandom(1))).not.toBe('24h');
    // Examples are copies: changing an answer never changes the next one.
    const objectExample: JsonSchema = { type: 'object', example: { a: [1] } };
    const first = sampler.sample(objectExample, createRandom(1)) as { a: number[] };
    first.a.push(2);
    expect(sampler.sample(objectExample, createRandom(1))).toEqual({ a: [1] });
  });

  it('honours formats', () => {
    for (const format of ['date-time', 'date', 'email', 'uri', 'uuid']) {
      expectValid({ type: 'string', format });
    }
  });

  it('honours patterns, also with a format or a length', () => {
    for (const pattern of [
      '^[a-f0-9]{24}$',
      '^urn:li:(organization|organizationBrand):[0-9]+$',
      '^#[0-9a-f]{3,6}$',
      '^[a-zA-Z0-9\\/|@&$!?\\\\()[\\]{}+*~,;.:=_-]{6,256}$',
      '^([^*].*[^*]|\\*+[^*].+[^*]|[^*].+[^*]\\*+|\\*+[^*].{2,}[^*]\\*+)$',
    ]) {
      expectValid({ type: 'string', pattern });
    }
    expectValid({ type: 'string', format: 'uri', pattern: '^https://' });
    expectValid({ type: 'string', pattern: '^[a-f0-9]{24}$', minLength: 1, maxLength: 1000 });
  });

  it('honours string lengths, enums and number ranges', () => {
    expectValid({ type: 'string', minLength: 30, maxLength: 31 });
    expectValid({ type: 'string', maxLength: 2 });
    expectValid({ type: 'string', enum: ['a', 'b', null], nullable: true } as JsonSchema);
    expectValid({ type: 'integer', minimum: 0, maximum: 6 });
    expectValid({ type: 'integer', minimum: 3, maximum: 3 });
    expectValid({ type: 'number', minimum: 0.15, maximum: 0.99 });
    // OpenAPI 3.0's boolean exclusiveMinimum is draft 4, which ajv's default draft refuses.
    for (let seed = 0; seed < 200; seed++) {
      const value = sampler.sample(
        { type: 'integer', minimum: 1, exclusiveMinimum: true, maximum: 2, exclusiveMaximum: true },
        createRandom(seed),
      );
      expect(value).toBe(2);
    }
    expectValid({ type: 'number', maximum: -5 });
  });

  it('honours array sizes and unique items', () => {
    const values = expectValid({
      type: 'array',
      minItems: 3,
      maxItems: 4,
      uniqueItems: true,
      items: { type: 'string', enum: ['a', 'b', 'c', 'd', 'e'] },
    });
    expect(values.every((value) => (value as unknown[]).length >= 3)).toBe(true);
    expectValid({ type: 'array', maxItems: 0, items: { type: 'string' } });
  });

  it('fills required and optional properties and respects additionalProperties: false', () => {
    expectValid({
      type: 'object',
      required: ['a'],
      additionalProperties: false,
      properties: { a: { type: 'boolean' }, b: { type: 'string', format: 'email' } },
    });
    expectValid({ type: 'object', required: ['undeclared'], properties: {} });
    const value = sampler.sample(
      { type: 'object', properties: { a: { type: 'boolean' }, b: { type: 'string' } } },
      createRandom(1),
    );
    expect(Object.keys(value as object).sort()).toEqual(['a', 'b']);
  });

  it('merges allOf and follows $ref', () => {
    expectValid({
      allOf: [
        { $ref: '#/components/schemas/Node' },
        { type: 'object', required: ['depth'], properties: { depth: { type: 'number' } } },
      ],
    });
  });

  it('stops recursive schemas at the depth cap', () => {
    const values = expectValid({ $ref: '#/components/schemas/Node' }, 50);
    const depth = (value: unknown): number =>
      value !== null && typeof value === 'object'
        ? 1 + Math.max(0, ...Object.values(value).map(depth))
        : 0;
    expect(Math.max(...values.map(depth))).toBeLessThanOrEqual(8);
  });

  it('gives any value for an unresolvable or looping reference', () => {
    expect(typeof sampler.sample('#/components/schemas/Missing', createRandom(1))).toBe('string');
    expect(typeof sampler.sample('#/components/schemas/Loop', createRandom(1))).toBe('string');
  });

  it('picks one branch of oneOf and anyOf', () => {
    expectValid({ oneOf: [{ type: 'integer' }, { type: 'boolean' }] } as JsonSchema);
    expectValid({ anyOf: [{ type: 'string', format: 'uuid' }] } as JsonSchema);
  });

  it('is deterministic for a seed and varies across seeds', () => {
    const schema: JsonSchema = { $ref: '#/components/schemas/Node' };
    const first = JSON.stringify(sampler.sample(schema, createRandom(7)));
    expect(JSON.stringify(sampler.sample(schema, createRandom(7)))).toBe(first);
    const others = new Set(
      [1, 2, 3, 4].map((seed) => JSON.stringify(sampler.sample(schema, createRandom(seed)))),
    );
    expect(others.size).toBe(4);
  });
});
