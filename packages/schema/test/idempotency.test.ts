import {
  emitTransportModule,
  idempotentPostShapes,
  isIdempotent,
  listOperations,
} from '@socialhub/codegen/operations';
import { describe, expect, test } from 'vitest';

const doc = (post: object, extra: object = {}) => ({
  openapi: '3.1.0',
  servers: [{ url: 'https://api.example.test' }],
  paths: {
    '/things/{id}': {
      post: { operationId: 'makeThing', responses: {}, ...post },
      patch: { operationId: 'editThing', responses: {}, ...extra },
    },
    '/other': { post: { operationId: 'other', responses: {} } },
  },
});

describe('x-socialhub-idempotent', () => {
  test('marks a POST idempotent; other POSTs are not, other methods are', () => {
    const ops = listOperations(doc({ 'x-socialhub-idempotent': true }));
    expect(ops.map((op) => [op.operationId, isIdempotent(op)])).toEqual([
      ['makeThing', true],
      ['editThing', true],
      ['other', false],
    ]);
    expect(ops.every((op) => op.server === 'https://api.example.test')).toBe(true);
  });

  test('is refused on a method other than POST, or when not a boolean', () => {
    const [, patch] = listOperations(doc({}, { 'x-socialhub-idempotent': true }));
    expect(() => isIdempotent(patch as never)).toThrow(/must be a boolean on a POST/);
    const [post] = listOperations(doc({ 'x-socialhub-idempotent': 'yes' }));
    expect(() => isIdempotent(post as never)).toThrow(/must be a boolean on a POST/);
  });

  test('passes to copies under a prefix whatever their parameter names', () => {
    const shapes = idempotentPostShapes(doc({ 'x-socialhub-idempotent': true }), '/public');
    expect([...shapes]).toEqual(['/public/things/{}']);
    const copy = {
      openapi: '3.0.0',
      servers: [{ url: 'https://api2.example.test' }],
      paths: { '/public/things/{thingId}': { post: { operationId: 'copy', responses: {} } } },
    };
    const module = emitTransportModule({
      doc: copy,
      header: '',
      prefix: 'x',
      title: 'X',
      inherited: shapes,
    });
    expect(module).toContain('export const xServerUrl = "https://api2.example.test";');
    expect(module).toContain('"/public/things/{thingId}",');
  });
});
