import { describe, expect, it } from 'vitest';
import { resolvePointer } from './json-pointer.js';

const document = {
  paths: { '/inbox/tickets/{id}': { get: { operationId: 'getTicket' } } },
  components: { schemas: { 'a~b': { type: 'string' }, List: { items: [{ type: 'number' }] } } },
};

describe('resolvePointer', () => {
  it('unescapes ~1 and ~0 and walks arrays', () => {
    expect(resolvePointer(document, '#/paths/~1inbox~1tickets~1{id}/get/operationId')).toBe(
      'getTicket',
    );
    expect(resolvePointer(document, '#/components/schemas/a~0b')).toEqual({ type: 'string' });
    expect(resolvePointer(document, '#/components/schemas/List/items/0/type')).toBe('number');
  });

  it('returns the document for the empty pointer', () => {
    expect(resolvePointer(document, '#')).toBe(document);
    expect(resolvePointer(document, '')).toBe(document);
  });

  it('returns undefined for a missing token, a path through a scalar, a remote or malformed ref', () => {
    expect(resolvePointer(document, '#/components/schemas/Missing')).toBeUndefined();
    expect(resolvePointer(document, '#/components/schemas/Missing/type')).toBeUndefined();
    expect(
      resolvePointer(document, '#/paths/~1inbox~1tickets~1{id}/get/operationId/x'),
    ).toBeUndefined();
    expect(resolvePointer(document, '#/components/schemas/a~2b')).toBeUndefined();
    expect(resolvePointer(document, 'other.yaml#/components')).toBeUndefined();
    expect(resolvePointer(document, '#/__proto__/polluted')).toBeUndefined();
  });
});
