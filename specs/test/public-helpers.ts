/**
 * Helpers for the public Integration API contract tests: load the document, resolve OpenAPI
 * `$ref`s, collect every example, and validate values with ajv (JSON Schema 2020-12).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getAt } from '@socialhub/codegen/json-pointer';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv and ajv-formats are CommonJS with `exports.default`; this works under tsc (NodeNext) and vitest.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/** A JSON value as parsed from the YAML contract. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** Absolute path of the `specs/` folder. */
export const specsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Absolute path of the contract. */
export const contractPath = join(specsDir, 'socialhub-public.yaml');

/** The contract, parsed. */
export const doc = parse(readFileSync(contractPath, 'utf8')) as JsonObject;

const SCHEMA_ID = 'urn:socialhub:public';
const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'] as const;

/** True for a non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a JSON pointer such as `#/components/schemas/Ticket` from the contract. */
export function pointer(ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`specs: only local refs are supported, got ${ref}`);
  const { found, value } = getAt(doc, ref);
  if (!found) throw new Error(`specs: unresolved ref ${ref}`);
  return value as Json;
}

/** Follows `$ref` (also chains of them) on an OpenAPI object (response, parameter, example...). */
export function deref(value: Json | undefined): JsonObject {
  let node = value;
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) throw new Error(`specs: ref cycle at ${node.$ref}`);
    seen.add(node.$ref);
    node = pointer(node.$ref);
  }
  if (!isObject(node)) throw new Error('specs: expected an object');
  return node;
}

/** Rewrites `#/components/schemas/X` refs to the id under which ajv knows the component schemas. */
function rewriteRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
      out[key] = `${SCHEMA_ID}#/$defs/${child.slice('#/components/schemas/'.length)}`;
    } else {
      out[key] = rewriteRefs(child);
    }
  }
  return out;
}

/** Every `x-...` key used anywhere in the component schemas. */
function vendorKeywords(value: Json, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const child of value) vendorKeywords(child, found);
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('x-')) found.add(key);
      vendorKeywords(child, found);
    }
  }
  return found;
}

/** Options of {@link createValidator}. */
export interface ValidatorOptions {
  /**
   * Enforce `x-unique-by` as a keyword (array items must differ in the named property).
   * @default true
   */
  enforceUniqueBy?: boolean;
}

/** A validation result with ajv's errors. */
export interface ValidationResult {
  valid: boolean;
  errors: { instancePath: string; keyword: string; message?: string }[];
}

/** Validates a value against an inline schema (refs into `components.schemas` allowed) or a component name. */
export type Validate = (schema: Json | string, value: unknown) => ValidationResult;

/** Builds an ajv 2020-12 validator that knows all component schemas of the contract. */
export function createValidator(options: ValidatorOptions = {}): Validate {
  const enforceUniqueBy = options.enforceUniqueBy ?? true;
  // strictRequired is off because `anyOf: [{ required: [a] }, { required: [b] }]` (the documented
  // "at least one of" rules) names properties declared by the parent schema, which is standard.
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    allErrors: true,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  // OpenAPI keywords that are annotations for JSON Schema validation.
  ajv.addVocabulary(['discriminator', 'example', 'externalDocs', 'xml']);
  for (const keyword of vendorKeywords(schemas)) {
    if (keyword === 'x-unique-by' && enforceUniqueBy) continue;
    ajv.addKeyword(keyword);
  }
  if (enforceUniqueBy) {
    ajv.addKeyword({
      keyword: 'x-unique-by',
      type: 'array',
      schemaType: 'string',
      errors: false,
      validate: (property: string, data: unknown[]) => {
        const values = data.map((item) => (isObject(item) ? item[property] : undefined));
        return (
          new Set(values.filter((v) => v !== undefined)).size ===
          values.filter((v) => v !== undefined).length
        );
      },
    });
  }
  ajv.addSchema({ $id: SCHEMA_ID, $defs: rewriteRefs(schemas) as JsonObject });
  const cache = new Map<string, ReturnType<typeof ajv.compile>>();
  return (schema, value) => {
    const target: Json =
      typeof schema === 'string' ? { $ref: `#/components/schemas/${schema}` } : schema;
    const key = JSON.stringify(target);
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = ajv.compile(rewriteRefs(target) as JsonObject);
      cache.set(key, compiled);
    }
    const valid = compiled(value) as boolean;
    return {
      valid,
      errors: (compiled.errors ?? []).map((e) => ({
        instancePath: e.instancePath,
        keyword: e.keyword,
        message: e.message,
      })),
    };
  };
}

/** An operation of `paths` or `webhooks`. */
export interface OperationRef {
  kind: 'path' | 'webhook';
  /** Path template or webhook name. */
  name: string;
  method: string;
  operation: JsonObject;
  /** Path-level plus operation-level parameters, dereferenced. */
  parameters: JsonObject[];
}

/** Every operation under `paths` and `webhooks`. */
export function operations(): OperationRef[] {
  const out: OperationRef[] = [];
  for (const kind of ['path', 'webhook'] as const) {
    const items = (kind === 'path' ? doc.paths : doc.webhooks) as JsonObject;
    for (const [name, rawItem] of Object.entries(items)) {
      const item = deref(rawItem);
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!isObject(operation)) continue;
        const parameters = [
          ...((item.parameters as Json[] | undefined) ?? []),
          ...((operation.parameters as Json[] | undefined) ?? []),
        ].map((p) => deref(p));
        out.push({ kind, name, method, operation, parameters });
      }
    }
  }
  return out;
}

/** One example found in the contract, with the schema it must satisfy. */
export interface ExampleRef {
  /** Human-readable location, used as the test name. */
  where: string;
  schema: Json;
  value: Json;
}

function mediaExamples(where: string, media: JsonObject): ExampleRef[] {
  const out: ExampleRef[] = [];
  const schema = media.schema as Json;
  if ('example' in media)
    out.push({ where: `${where} example`, schema, value: media.example as Json });
  for (const [name, raw] of Object.entries((media.examples as JsonObject | undefined) ?? {})) {
    const example = deref(raw);
    out.push({ where: `${where} examples.${name}`, schema, value: example.value as Json });
  }
  return out;
}

function headerExamples(where: string, headers: JsonObject | undefined): ExampleRef[] {
  const out: ExampleRef[] = [];
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const header = deref(raw);
    if ('example' in header) {
      out.push({
        where: `${where} header ${name}`,
        schema: header.schema as Json,
        value: header.example as Json,
      });
    }
  }
  return out;
}

/**
 * Every example of the contract: request bodies, responses, headers and parameters of all
 * operations and webhooks, plus the `examples` of component schemas.
 */
export function allExamples(): ExampleRef[] {
  const out: ExampleRef[] = [];
  for (const { kind, name, method, operation, parameters } of operations()) {
    const at = `${kind} ${method.toUpperCase()} ${name}`;
    for (const parameter of parameters) {
      const where = `${at} parameter ${String(parameter.name)}`;
      if ('example' in parameter)
        out.push({ where, schema: parameter.schema as Json, value: parameter.example as Json });
      for (const [exampleName, raw] of Object.entries(
        (parameter.examples as JsonObject | undefined) ?? {},
      )) {
        out.push({
          where: `${where} examples.${exampleName}`,
          schema: parameter.schema as Json,
          value: deref(raw).value as Json,
        });
      }
    }
    if (operation.requestBody) {
      const body = deref(operation.requestBody);
      for (const [type, media] of Object.entries(body.content as JsonObject)) {
        out.push(...mediaExamples(`${at} request ${type}`, media as JsonObject));
      }
    }
    for (const [status, raw] of Object.entries(operation.responses as JsonObject)) {
      const response = deref(raw);
      out.push(...headerExamples(`${at} ${status}`, response.headers as JsonObject | undefined));
      for (const [type, media] of Object.entries(
        (response.content as JsonObject | undefined) ?? {},
      )) {
        out.push(...mediaExamples(`${at} ${status} ${type}`, media as JsonObject));
      }
    }
  }
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  for (const [name, schema] of Object.entries(schemas)) {
    const examples = isObject(schema) ? schema.examples : undefined;
    if (!Array.isArray(examples)) continue;
    examples.forEach((value, index) => {
      out.push({
        where: `components.schemas.${name} examples[${index}]`,
        schema: `#/components/schemas/${name}`,
        value,
      });
    });
  }
  return out.map((e) => (typeof e.schema === 'string' ? { ...e, schema: { $ref: e.schema } } : e));
}

/** Decodes the payload (middle part) of a JWT without verifying it. */
export function decodeJwtPayload(token: string): JsonObject {
  const part = token.split('.')[1];
  if (!part) throw new Error('specs: not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as JsonObject;
}

/** A component schema, by name. */
export function schemaNamed(name: string): JsonObject {
  return deref({ $ref: `#/components/schemas/${name}` });
}
