/**
 * What a client sends to one operation (authentication, parameters, body), read from an OpenAPI
 * 3.x or a Swagger 2.0 document into one shape with every `$ref` inlined.
 */
import { isObject, type Json, type JsonObject } from './public-helpers.js';
import { resolveRefs } from './resolve-refs.js';

/** A path, query, header or cookie parameter. */
export interface RequestParameter {
  in: string;
  name: string;
  required: boolean;
  /** The parameter's schema (Swagger 2.0: the parameter's own type keywords). */
  schema: Json;
}

/** The request body. */
export interface RequestBody {
  required: boolean;
  mediaTypes: string[];
  schema: Json;
}

/** Everything a client sends to one operation. */
export interface RequestShape {
  /** `in name` of every API-key security scheme the operation accepts, e.g. `query accesstoken`. */
  auth: string[];
  parameters: RequestParameter[];
  body: RequestBody | undefined;
}

const OPENAPI_PARAMETER_KEYS = new Set([
  'name',
  'in',
  'required',
  'description',
  'schema',
  'example',
  'examples',
]);
const SWAGGER_PARAMETER_ANNOTATIONS = ['name', 'in', 'required', 'description'];

function operationOf(doc: JsonObject, path: string, method: string): JsonObject {
  const item = (doc.paths as JsonObject | undefined)?.[path];
  const operation = isObject(item) ? item[method] : undefined;
  if (!isObject(item) || !isObject(operation)) {
    throw new Error(`specs: no operation ${method.toUpperCase()} ${path}`);
  }
  return operation;
}

function parametersOf(doc: JsonObject, path: string, operation: JsonObject): JsonObject[] {
  const item = (doc.paths as JsonObject)[path] as JsonObject;
  const all = [
    ...((item.parameters as Json[] | undefined) ?? []),
    ...((operation.parameters as Json[] | undefined) ?? []),
  ].map((p) => resolveRefs(doc, p));
  // An operation-level parameter overrides a path-level one with the same `in` and `name`.
  const byKey = new Map<string, JsonObject>();
  for (const p of all) {
    if (!isObject(p)) throw new Error(`specs: a parameter of ${path} is not an object`);
    byKey.set(`${String(p.in)} ${String(p.name)}`, p);
  }
  return [...byKey.values()];
}

function apiKeys(requirements: Json | undefined, schemes: JsonObject | undefined): string[] {
  const out = new Set<string>();
  for (const requirement of (requirements as Json[] | undefined) ?? []) {
    for (const name of Object.keys(requirement as JsonObject)) {
      const scheme = schemes?.[name];
      if (!isObject(scheme)) throw new Error(`specs: unknown security scheme ${name}`);
      if (scheme.type === 'apiKey') out.add(`${String(scheme.in)} ${String(scheme.name)}`);
      else out.add(`${String(scheme.type)} ${name}`);
    }
  }
  return [...out].sort();
}

/** The request of an OpenAPI 3.x operation. */
export function openapiRequest(doc: JsonObject, path: string, method: string): RequestShape {
  const operation = operationOf(doc, path, method);
  const parameters = parametersOf(doc, path, operation).map((p): RequestParameter => {
    const unknown = Object.keys(p).filter((k) => !OPENAPI_PARAMETER_KEYS.has(k));
    if (unknown.length) throw new Error(`specs: unsupported parameter keys ${unknown.join(', ')}`);
    return {
      in: String(p.in),
      name: String(p.name),
      required: p.required === true,
      schema: p.schema ?? {},
    };
  });
  let body: RequestBody | undefined;
  if (operation.requestBody !== undefined) {
    const requestBody = resolveRefs(doc, operation.requestBody) as JsonObject;
    const content = requestBody.content as JsonObject;
    const schemas = Object.values(content).map((media) => (media as JsonObject).schema ?? {});
    const distinct = new Set(schemas.map((s) => JSON.stringify(s)));
    if (distinct.size !== 1) throw new Error(`specs: ${path} has one schema per media type`);
    body = {
      required: requestBody.required === true,
      mediaTypes: Object.keys(content).sort(),
      schema: schemas[0] as Json,
    };
  }
  const components = doc.components as JsonObject | undefined;
  return {
    auth: apiKeys(
      operation.security ?? doc.security,
      components?.securitySchemes as JsonObject | undefined,
    ),
    parameters,
    body,
  };
}

/** The request of a Swagger 2.0 operation (a `body` parameter becomes the body). */
export function swaggerRequest(doc: JsonObject, path: string, method: string): RequestShape {
  const operation = operationOf(doc, path, method);
  const parameters: RequestParameter[] = [];
  let body: RequestBody | undefined;
  for (const p of parametersOf(doc, path, operation)) {
    if (p.in === 'body') {
      body = {
        required: p.required === true,
        mediaTypes: [...((operation.consumes ?? doc.consumes) as string[])].sort(),
        schema: p.schema ?? {},
      };
      continue;
    }
    if (p.in === 'formData') throw new Error(`specs: formData parameters are not supported`);
    const schema: JsonObject = {};
    for (const [key, value] of Object.entries(p)) {
      if (!SWAGGER_PARAMETER_ANNOTATIONS.includes(key)) schema[key] = value;
    }
    parameters.push({
      in: String(p.in),
      name: String(p.name),
      required: p.required === true,
      schema,
    });
  }
  return {
    auth: apiKeys(operation.security ?? doc.security, doc.securityDefinitions as JsonObject),
    parameters,
    body,
  };
}
