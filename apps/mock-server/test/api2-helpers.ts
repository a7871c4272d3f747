import type { OperationEntry } from '@socialhub/schema/api2/operations';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { loadApi2Document } from '../src/api2/api2-document.js';
import { createRandom, hashSeed } from '../src/api2/prng.js';
import { createSchemaSampler } from '../src/api2/schema-sampler.js';
import type { Api2Request } from '../src/api2/types.js';

/** The API2 OpenAPI document the handler reads. */
export const api2Document = loadApi2Document();

const sampler = createSchemaSampler(api2Document, { useExamples: false });

/** Values for the parts of a request, drawn from the operation's own parameter and body schemas. */
export function validRequest(
  operation: OperationEntry,
  seed = 1,
  headers: Record<string, string> = {},
): Api2Request {
  const random = createRandom(hashSeed(seed, `request ${operation.operationId}`));
  let path = operation.path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      const value = asQueryText(sampler.sample(parameter.schema.ref, random));
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
    } else if (parameter.in === 'query' && parameter.required) {
      query.set(parameter.name, asQueryText(sampler.sample(parameter.schema.ref, random)));
    }
  }
  const body =
    operation.requestBody === undefined
      ? undefined
      : sampler.sample(operation.requestBody.schema.ref, random);
  return { method: operation.method.toUpperCase(), path, query, headers, body };
}

function asQueryText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

// ajv-formats is CommonJS typed as an ES default export; take whichever holds the function.
type AddFormats = typeof addFormatsModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as AddFormats;

/**
 * An independent check of generated bodies: ajv (with ajv-formats) compiling the response
 * schemas straight from the OpenAPI document by JSON pointer.
 */
export function createDocumentValidator(): (pointer: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(api2Document as object, 'api2');
  return (pointer) => {
    const validate = ajv.getSchema(`api2${pointer}`);
    if (validate === undefined) throw new Error(`no schema at ${pointer}`);
    return validate;
  };
}
