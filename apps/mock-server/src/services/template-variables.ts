import { validationError } from '../http/errors.js';

type VariableSchema = Record<string, unknown>;

/**
 * Checks the values a user filled in against a template's `variables` (a JSON Schema
 * `properties` map): every variable present, none unknown, and `type`, `minLength`, `maxLength`,
 * `pattern`, `enum`, `minimum`, `maximum` honoured.
 */
export function checkTemplateVariables(
  schemas: Record<string, VariableSchema>,
  values: Record<string, unknown>,
) {
  for (const name of Object.keys(values)) {
    if (!(name in schemas)) throw validationError(`template variable "${name}" is not defined`);
  }
  for (const [name, schema] of Object.entries(schemas)) {
    if (!(name in values)) throw validationError(`template variable "${name}" is missing`);
    const value = values[name];
    const fail = (rule: string) => validationError(`template variable "${name}" ${rule}`);
    const type = schema.type;
    if (type === 'string' && typeof value !== 'string') throw fail('must be a string');
    if ((type === 'number' || type === 'integer') && typeof value !== 'number')
      throw fail('must be a number');
    if (type === 'integer' && !Number.isInteger(value)) throw fail('must be an integer');
    if (type === 'boolean' && typeof value !== 'boolean') throw fail('must be a boolean');
    if (typeof value === 'string') {
      if (typeof schema.minLength === 'number' && value.length < schema.minLength)
        throw fail(`must have at least ${schema.minLength} characters`);
      if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
        throw fail(`must have at most ${schema.maxLength} characters`);
      if (typeof schema.pattern === 'string') {
        let pattern: RegExp | undefined;
        try {
          pattern = new RegExp(schema.pattern, 'u');
        } catch {
          pattern = undefined; // the integration's pattern is broken; do not hold the user to it
        }
        if (pattern && !pattern.test(value)) throw fail(`must match ${schema.pattern}`);
      }
    }
    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum)
        throw fail(`must be at least ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && value > schema.maximum)
        throw fail(`must be at most ${schema.maximum}`);
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(value))
      throw fail(`must be one of ${JSON.stringify(schema.enum)}`);
  }
}
