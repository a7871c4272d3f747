import { describe, expect, it } from 'vitest';
import { childPointer, formatPointer, getAt, parsePointer } from './json-pointer.ts';

const doc = { paths: { '/a/{id}': { get: { tags: ['x'] } } }, 'm~n': null };

describe('the generator’s JSON pointers', () => {
  it('escapes ~ before / and parses back to the same tokens', () => {
    const pointer = formatPointer(['paths', '/a/{id}', 'm~n', 0]);
    expect(pointer).toBe('/paths/~1a~1{id}/m~0n/0');
    expect(parsePointer(pointer)).toEqual(['paths', '/a/{id}', 'm~n', '0']);
    expect(childPointer('/paths', '~1')).toBe('/paths/~01');
    expect(parsePointer('')).toEqual([]);
  });

  it('resolves pointers and local refs, and says when nothing is there', () => {
    expect(getAt(doc, '/paths/~1a~1{id}/get/tags/0')).toEqual({ found: true, value: 'x' });
    expect(getAt(doc, '#/m~0n')).toEqual({ found: true, value: null });
    expect(getAt(doc, '')).toEqual({ found: true, value: doc });
    expect(getAt(doc, '/paths/~1b').found).toBe(false);
    expect(getAt(doc, '/m~0n/deeper').found).toBe(false);
    expect(getAt(doc, '/paths/~1a~1{id}/get/tags/1').found).toBe(false);
    expect(getAt(doc, '/toString').found).toBe(false);
  });

  it('rejects a malformed pointer', () => {
    expect(() => parsePointer('paths')).toThrow('invalid JSON pointer "paths"');
    expect(() => getAt(doc, '/a~2')).toThrow('invalid JSON pointer');
  });
});
