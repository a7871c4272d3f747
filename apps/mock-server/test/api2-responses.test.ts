import { type Api2OperationId, api2Operations } from '@socialhub/schema/api2/operations';
import * as api2Zod from '@socialhub/schema/api2/zod';
import { describe, expect, it } from 'vitest';
import { createApi2Handler } from '../src/api2/index.js';
import { findZodSchema } from '../src/http/operation-validation.js';
import { createDocumentValidator, validRequest } from './api2-helpers.js';

const operations = Object.values(api2Operations);
const handle = createApi2Handler({ seed: 42 });
const validatorFor = createDocumentValidator();

describe('API2 responses', () => {
  it('serves all 296 operations', () => {
    expect(operations).toHaveLength(296);
  });

  it.each(operations.map((operation) => [operation.operationId, operation] as const))(
    '%s: every documented status is generated and valid against its schema',
    (_id, operation) => {
      const statuses = Object.keys(operation.responses);
      expect(statuses.length).toBeGreaterThan(0);
      for (const status of statuses) {
        const request = validRequest(operation, 3, { prefer: `code=${status}` });
        const response = handle(request);
        expect({ status, response: response.status }).toEqual({ status, response: Number(status) });
        const entry = operation.responses[status];
        if (entry?.schema === undefined) {
          expect(response.body).toBeUndefined();
          continue;
        }
        expect(response.headers?.['content-type']).toBe(entry.contentType);
        const validate = validatorFor(entry.schema.ref);
        const isValid = validate(response.body);
        expect(validate.errors ?? [], `${operation.operationId} ${status}`).toEqual([]);
        expect(isValid).toBe(true);
        // Named schemas are also checked with the generated zod schema the clients use.
        const zodSchema = findZodSchema(api2Zod, entry.schema.zod);
        if (entry.schema.zod !== undefined) {
          expect(zodSchema, entry.schema.zod).toBeDefined();
          expect(zodSchema?.safeParse(response.body).success).toBe(true);
        }
      }
    },
  );

  it('answers a valid request without Prefer with the first documented success', () => {
    const operation = api2Operations.getChannelsById;
    const response = handle(validRequest(operation));
    expect(response.status).toBe(200);
    const validate = validatorFor(operation.responses['200']?.schema?.ref ?? '');
    expect(validate(response.body)).toBe(true);
  });

  it('answers 201, 204 and 302 where those are the first documented success', () => {
    const byFirstSuccess = (prefix: string) =>
      operations.find((operation) => {
        const statuses = Object.keys(operation.responses).sort();
        return statuses.find((status) => status < '400')?.startsWith(prefix) === true;
      });
    for (const [prefix, status] of [
      ['201', 201],
      ['204', 204],
      ['302', 302],
    ] as const) {
      const operation = byFirstSuccess(prefix);
      expect(operation, prefix).toBeDefined();
      if (operation === undefined) continue;
      expect(handle(validRequest(operation)).status).toBe(status);
    }
  });

  it('answers 204 for the operations that document no success (an upstream omission)', () => {
    const operation = api2Operations.deleteContactsById;
    expect(Object.keys(operation.responses).some((status) => status < '400')).toBe(false);
    const response = handle(validRequest(operation));
    expect(response).toEqual({ status: 204, headers: {}, body: undefined });
  });

  it('is deterministic for a seed, whatever the order of requests', () => {
    const ids: Api2OperationId[] = [
      'getChannels',
      'getCpPosts',
      'getInboxTicketsByTicketId',
      'getUsers',
    ];
    const first = createApi2Handler({ seed: 9 });
    const second = createApi2Handler({ seed: 9 });
    const forward = ids.map((id) => first(validRequest(api2Operations[id])).body);
    const backward = [...ids]
      .reverse()
      .map((id) => second(validRequest(api2Operations[id])).body)
      .reverse();
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    expect(first(validRequest(api2Operations.getChannels)).body).toEqual(forward[0]);
  });

  it('draws different bodies for different seeds', () => {
    const request = validRequest(api2Operations.getCpPosts);
    const bodies = [1, 2, 3].map((seed) =>
      JSON.stringify(createApi2Handler({ seed })(request).body),
    );
    expect(new Set(bodies).size).toBe(3);
  });

  it('returns frozen bodies and a fresh headers object per answer', () => {
    const request = validRequest(api2Operations.getChannels);
    const response = handle(request);
    expect(Object.isFrozen(response.body)).toBe(true);
    expect(handle(request).headers).not.toBe(response.headers);
  });

  it('answers HEAD like GET without a body', () => {
    const request = validRequest(api2Operations.getChannels);
    const response = handle({ ...request, method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(response.body).toBeUndefined();
  });
});
