// @ts-check
// Templates of template_reply actions: a preview renderer for the `{{variable}}` subset of
// Handlebars, and a check of the filled-in variables against the template's JSON Schema
// `properties` map (the rules the mock enforces when the reply is sent).

/** @typedef {Record<string, unknown>} VariableSchema */

const MUSTACHE = /\{\{\{?\s*([A-Za-z0-9_$.-]+)\s*\}?\}\}/g;

/**
 * Renders the preview text: `{{name}}` and `{{{name}}}` (also `{{a.b}}`) become the variable's
 * value; a variable without a value stays as written, so the preview shows what is missing.
 * Other Handlebars syntax (`{{#if}}`, helpers, comments) is shown as written. The result is plain
 * text: the UI puts it in `textContent`, so nothing needs escaping.
 * @param {string} text
 * @param {Record<string, unknown>} values
 * @returns {string}
 */
export function renderTemplate(text, values) {
  return text.replace(MUSTACHE, (match, /** @type {string} */ path) => {
    /** @type {unknown} */
    let value = values;
    for (const key of path.split('.')) {
      if (!value || typeof value !== 'object' || !Object.hasOwn(value, key)) return match;
      value = /** @type {Record<string, unknown>} */ (value)[key];
    }
    return value === undefined || value === null ? match : String(value);
  });
}

/**
 * The value of a variable's form field: numbers for `number` / `integer` (`undefined` when empty,
 * `NaN` when not a number), booleans for `boolean`, text otherwise (`undefined` when empty).
 * @param {VariableSchema} schema
 * @param {string | boolean} raw the input's value (a checkbox's `checked`)
 * @returns {unknown}
 */
export function fieldValue(schema, raw) {
  if (typeof raw === 'boolean') return raw;
  if (raw === '') return undefined;
  if (schema.type === 'number' || schema.type === 'integer') return Number(raw);
  return raw;
}

/**
 * Checks the variables against the template's schemas: every variable filled in, none unknown,
 * and `type`, `enum`, `minLength`, `maxLength`, `pattern`, `minimum`, `maximum` honoured. Returns
 * one message per problem (none when the reply may be sent).
 * @param {Record<string, VariableSchema>} schemas
 * @param {Record<string, unknown>} values
 * @returns {string[]}
 */
export function validateVariables(schemas, values) {
  /** @type {string[]} */
  const errors = [];
  for (const name of Object.keys(values))
    if (!Object.hasOwn(schemas, name) && values[name] !== undefined)
      errors.push(`${name} is not a variable of this template`);
  for (const [name, schema] of Object.entries(schemas)) {
    const value = values[name];
    if (value === undefined) {
      errors.push(`${name} is required`);
      continue;
    }
    const error = checkValue(schema, value);
    if (error) errors.push(`${name} ${error}`);
  }
  return errors;
}

/**
 * @param {VariableSchema} schema
 * @param {unknown} value
 * @returns {string | undefined}
 */
function checkValue(schema, value) {
  const { type } = schema;
  if (type === 'string' && typeof value !== 'string') return 'must be text';
  if (
    (type === 'number' || type === 'integer') &&
    (typeof value !== 'number' || Number.isNaN(value))
  )
    return 'must be a number';
  if (type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
  if (type === 'boolean' && typeof value !== 'boolean') return 'must be true or false';
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    return `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      return `must have at least ${schema.minLength} characters`;
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      return `must have at most ${schema.maxLength} characters`;
    if (typeof schema.pattern === 'string') {
      /** @type {RegExp | undefined} */
      let pattern;
      try {
        pattern = new RegExp(schema.pattern, 'u');
      } catch {
        pattern = undefined; // a broken pattern of the integration's; the mock ignores it too
      }
      if (pattern && !pattern.test(value)) return `must match ${schema.pattern}`;
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      return `must be at least ${schema.minimum}`;
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      return `must be at most ${schema.maximum}`;
  }
  return undefined;
}
