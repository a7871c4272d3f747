import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids.js';

describe('createIdGenerator', () => {
  it('makes ObjectIds and v4 UUIDs', () => {
    for (const ids of [createIdGenerator(), createIdGenerator(5)]) {
      expect(ids.objectId()).toMatch(/^[0-9a-f]{24}$/);
      expect(ids.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it('is reproducible with a seed, and reset starts the sequence over', () => {
    const a = createIdGenerator(7);
    const b = createIdGenerator(7);
    const first = [a.objectId(), a.uuid(), a.objectId()];
    expect([b.objectId(), b.uuid(), b.objectId()]).toEqual(first);
    expect(createIdGenerator(8).objectId()).not.toBe(first[0]);
    a.reset();
    expect(a.objectId()).toBe(first[0]);
  });

  it('does not repeat without a seed', () => {
    const ids = createIdGenerator();
    const seen = new Set(Array.from({ length: 2000 }, () => ids.objectId()));
    expect(seen.size).toBe(2000);
  });
});
