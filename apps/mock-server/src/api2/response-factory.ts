import type { OperationEntry } from '@socialhub/schema/api2/operations';
import { createRandom, hashSeed } from './prng.js';
import { createSchemaSampler } from './schema-sampler.js';
import type { Api2Response } from './types.js';

/** Builds the documented responses of operations, generated once per operation and status. */
export interface ResponseFactory {
  /** The status answered when the request states no preference (see `defaultStatus`). */
  defaultStatus(operation: OperationEntry): string;
  /** The generated response for a documented `status` of `operation` (`undefined` if undocumented). */
  respond(operation: OperationEntry, status: string): Api2Response | undefined;
}

/**
 * Creates a factory drawing bodies from the response schemas of `document` with a PRNG seeded by
 * `seed`, the operationId and the status: the same seed always gives the same bodies, and a body
 * does not depend on the order in which requests arrive. Bodies are generated on first use,
 * cached and deeply frozen, so repeated requests cost one lookup.
 */
export function createResponseFactory(document: unknown, seed: number): ResponseFactory {
  const sampler = createSchemaSampler(document);
  const cache = new Map<string, Api2Response>();

  return {
    defaultStatus(operation) {
      const statuses = Object.keys(operation.responses).sort();
      // The first success, else the first redirect (OAuth connect and media proxy routes
      // document only a 302). A few upstream operations document errors only (e.g.
      // `DELETE /contacts/{id}`); they answer 204 like the other deletes.
      return (
        statuses.find((status) => status.startsWith('2')) ??
        statuses.find((status) => status.startsWith('3')) ??
        '204'
      );
    },
    respond(operation, status) {
      const key = `${operation.operationId} ${status}`;
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const entry = operation.responses[status] ?? operation.responses.default;
      if (entry === undefined) {
        return status === '204' && this.defaultStatus(operation) === '204'
          ? { status: 204, body: undefined }
          : undefined;
      }
      // Documented responses carry no headers in API2 (not even `Location` on the 302s), so
      // none are invented: a client following redirects gets the 302 itself.
      const schema = entry.schema;
      const response: Api2Response =
        schema === undefined
          ? { status: Number(status), body: undefined }
          : {
              status: Number(status),
              headers: { 'content-type': entry.contentType ?? 'application/json' },
              body: deepFreeze(sampler.sample(schema.ref, createRandom(hashSeed(seed, key)))),
            };
      cache.set(key, response);
      return response;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
