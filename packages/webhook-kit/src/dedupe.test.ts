import { describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from './dedupe.js';
import { InvalidOptionsError } from './errors.js';

describe('createMemoryDedupeStore', () => {
  it('claims a uuid once until released', () => {
    const store = createMemoryDedupeStore();
    expect(store.claim('a')).toBe(true);
    expect(store.claim('a')).toBe(false);
    store.release('a');
    expect(store.claim('a')).toBe(true);
  });

  it('stays bounded, forgetting the least recently seen first', () => {
    const store = createMemoryDedupeStore({ max: 3 });
    for (const id of ['a', 'b', 'c']) store.claim(id);
    expect(store.claim('a')).toBe(false); // refreshes a
    expect(store.claim('d')).toBe(true); // evicts b
    expect(store.size).toBe(3);
    expect(store.claim('b')).toBe(true); // b was forgotten; evicts c
    expect(store.claim('a')).toBe(false);
    expect(store.claim('c')).toBe(true);
    for (let i = 0; i < 1000; i++) store.claim(`x${i}`);
    expect(store.size).toBe(3);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createMemoryDedupeStore({ max: 0 })).toThrow(/positive integer/);
    expect(() => createMemoryDedupeStore({ max: 1.5 })).toThrow(InvalidOptionsError);
  });
});
