/**
 * Inlines local `$ref`s (`#/...`) of an OpenAPI or Swagger document, so that two documents can be
 * compared by shape rather than by the names of their components.
 */
import { getAt } from '@socialhub/codegen/json-pointer';
import { isObject, type Json, type JsonObject } from './public-helpers.js';

/** Reads a local reference such as `#/components/schemas/Ticket` from `doc`. */
export function readRef(doc: JsonObject, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`specs: only local refs are supported, got ${ref}`);
  const { found, value } = getAt(doc, ref);
  if (!found) throw new Error(`specs: unresolved ref ${ref}`);
  return value as Json;
}

/**
 * A deep copy of `value` with every `$ref` replaced by its target. Keywords beside a `$ref`
 * (OpenAPI 3.1 allows them; in Swagger 2.0 they are descriptions) are laid over the target.
 * Throws on a reference cycle, which a request schema never needs.
 */
export function resolveRefs(doc: JsonObject, value: Json, seen: readonly string[] = []): Json {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(doc, item, seen));
  if (!isObject(value)) return value;
  if (typeof value.$ref === 'string') {
    const ref = value.$ref;
    if (seen.includes(ref)) throw new Error(`specs: ref cycle ${[...seen, ref].join(' -> ')}`);
    const target = resolveRefs(doc, readRef(doc, ref), [...seen, ref]);
    const { $ref: _ref, ...siblings } = value;
    if (!isObject(target)) {
      if (Object.keys(siblings).length) throw new Error(`specs: keywords beside ${ref}`);
      return target;
    }
    return { ...target, ...(resolveRefs(doc, siblings, seen) as JsonObject) };
  }
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) out[key] = resolveRefs(doc, child, seen);
  return out;
}
