/**
 * Coherence checks over a Swagger 2.0 document: keywords that the schema's own `type` forbids,
 * `required` lists naming absent properties, and parallel copies of one entity (a definition
 * and the inline bodies and responses of its path family) that disagree on where a property
 * sits or what type it has. Each finding is one line, `<pointer> <what>`, so a test can compare
 * the list with the reviewed exceptions.
 */
import { formatPointer, getAt } from '@socialhub/codegen/json-pointer';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ARRAY_ONLY = ['items', 'minItems', 'maxItems', 'uniqueItems', 'collectionFormat'];
const OBJECT_ONLY = ['properties', 'additionalProperties', 'minProperties', 'maxProperties'];
const STRING_ONLY = ['pattern', 'minLength', 'maxLength'];
const NUMBER_ONLY = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const NUMERIC_FORMATS = ['int32', 'int64', 'float', 'double'];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/** A schema (or a non-body parameter, or an items object) with its JSON pointer. */
export interface SchemaSite {
  pointer: string;
  schema: Node;
}

/** Every schema-like object of the document: definitions, bodies, responses and their nested schemas. */
export function schemaSites(doc: Node): SchemaSite[] {
  const sites: SchemaSite[] = [];
  const visit = (schema: unknown, pointer: string): void => {
    if (!isNode(schema)) return;
    sites.push({ pointer, schema });
    if (isNode(schema.properties)) {
      for (const [name, child] of Object.entries(schema.properties))
        visit(child, `${pointer}${formatPointer(['properties', name])}`);
    }
    if (isNode(schema.items)) visit(schema.items, `${pointer}/items`);
    if (isNode(schema.additionalProperties))
      visit(schema.additionalProperties, `${pointer}/additionalProperties`);
    if (Array.isArray(schema.allOf))
      for (const [i, child] of schema.allOf.entries()) visit(child, `${pointer}/allOf/${i}`);
  };
  const visitParameter = (parameter: unknown, pointer: string): void => {
    if (!isNode(parameter)) return;
    if (parameter.in === 'body') visit(parameter.schema, `${pointer}/schema`);
    else if (parameter.in !== undefined) visit(parameter, pointer);
  };
  const visitResponses = (responses: unknown, pointer: string): void => {
    if (!isNode(responses)) return;
    for (const [status, response] of Object.entries(responses)) {
      if (isNode(response)) visit(response.schema, `${pointer}/${status}/schema`);
    }
  };
  for (const [name, schema] of Object.entries((doc.definitions as Node) ?? {}))
    visit(schema, formatPointer(['definitions', name]));
  for (const [name, parameter] of Object.entries((doc.parameters as Node) ?? {}))
    visitParameter(parameter, formatPointer(['parameters', name]));
  visitResponses(doc.responses, '/responses');
  for (const [path, item] of Object.entries((doc.paths as Node) ?? {})) {
    if (!isNode(item)) continue;
    const base = formatPointer(['paths', path]);
    if (Array.isArray(item.parameters))
      for (const [i, p] of item.parameters.entries()) visitParameter(p, `${base}/parameters/${i}`);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isNode(operation)) continue;
      if (Array.isArray(operation.parameters))
        for (const [i, p] of operation.parameters.entries())
          visitParameter(p, `${base}/${method}/parameters/${i}`);
      visitResponses(operation.responses, `${base}/${method}/responses`);
    }
  }
  return sites;
}

function fitsType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isNode(value);
    default:
      return true;
  }
}

/** Keywords placed where the schema's own `type` forbids them, and enum values off the type. */
export function keywordMisfits(doc: Node): string[] {
  const found: string[] = [];
  for (const { pointer, schema } of schemaSites(doc)) {
    const type = typeof schema.type === 'string' ? schema.type : undefined;
    if (!type) continue;
    const misfit = (keys: string[], allowed: (t: string) => boolean, needs: string) => {
      for (const key of keys)
        if (key in schema && !allowed(type))
          found.push(`${pointer}/${key} needs ${needs}, type is ${type}`);
    };
    misfit(ARRAY_ONLY, (t) => t === 'array', 'type array');
    misfit(OBJECT_ONLY, (t) => t === 'object', 'type object');
    misfit(STRING_ONLY, (t) => t === 'string', 'type string');
    misfit(NUMBER_ONLY, (t) => t === 'number' || t === 'integer', 'a number type');
    if (Array.isArray(schema.required) && type !== 'object')
      found.push(`${pointer}/required needs type object, type is ${type}`);
    if (typeof schema.format === 'string') {
      const numeric = NUMERIC_FORMATS.includes(schema.format);
      if (numeric !== (type === 'number' || type === 'integer') && type !== 'array')
        found.push(`${pointer}/format ${schema.format} does not fit type ${type}`);
    }
    if (Array.isArray(schema.enum)) {
      schema.enum.forEach((value, i) => {
        if (!fitsType(value, type))
          found.push(`${pointer}/enum/${i} ${JSON.stringify(value)} does not fit type ${type}`);
      });
    }
    if (type === 'array' && !('items' in schema))
      found.push(`${pointer} is type array without items`);
  }
  return found;
}

/** Paging fields (`paging`, `cursors`) inside one list item: pagination sits beside the list. */
export function pagingMisfits(doc: Node): string[] {
  return schemaSites(doc)
    .map(({ pointer }) => pointer)
    .filter((pointer) => /\/items\/properties\/(paging|cursors)$/.test(pointer))
    .map((pointer) => `${pointer} is paging inside one list item`);
}

/** Every `required` list naming a property its schema lacks. */
export function requiredMisfits(doc: Node): string[] {
  const found: string[] = [];
  for (const { pointer, schema } of schemaSites(doc)) {
    if (!Array.isArray(schema.required)) continue;
    const names = Object.keys(isNode(schema.properties) ? schema.properties : {});
    for (const name of schema.required)
      if (!names.includes(String(name))) found.push(`${pointer}/required names absent ${name}`);
  }
  return found;
}

/** Follows a `$ref` to a definition (once; definitions here do not chain). */
function deref(doc: Node, schema: unknown): Node | undefined {
  if (!isNode(schema)) return undefined;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/definitions/')) {
    const target = (doc.definitions as Node)[schema.$ref.slice(14)];
    return isNode(target) ? target : undefined;
  }
  return schema;
}

/** The object schema a copy describes: itself, the items of an array, or its allOf members merged. */
function entityOf(doc: Node, schema: unknown): Node | undefined {
  let node = deref(doc, schema);
  if (node?.type === 'array') node = deref(doc, node.items);
  if (node && Array.isArray(node.allOf)) {
    const properties: Node = {};
    for (const part of node.allOf) {
      const resolved = deref(doc, part);
      if (isNode(resolved?.properties)) Object.assign(properties, resolved.properties);
    }
    return { type: 'object', properties };
  }
  return node;
}

const propertiesOf = (doc: Node, schema: unknown): Node => {
  const entity = entityOf(doc, schema);
  return isNode(entity?.properties) ? entity.properties : {};
};

/** The coarse kind of a property schema: object, array, or scalar, following `$ref`s. */
function kindOf(doc: Node, schema: unknown): string | undefined {
  const node = deref(doc, schema);
  if (!node) return undefined;
  if (node.type === 'array' || 'items' in node) return 'array';
  if (node.type === 'object' || 'properties' in node || Array.isArray(node.allOf)) return 'object';
  if (typeof node.type === 'string') return 'scalar';
  return undefined;
}

/** The names one level below a property: its own properties, or its items' properties. */
const nestedNames = (doc: Node, schema: unknown): Set<string> =>
  new Set(Object.keys(propertiesOf(doc, schema)));

/** One copy of an entity: a pointer to a schema that describes it. */
export interface EntityCopy {
  pointer: string;
  schema: unknown;
}

/**
 * Where two copies of one entity disagree: a property both hold with different kinds (object,
 * array, scalar), or a property one holds at this level that the other has swallowed into a
 * shared sibling. Recurses into shared object properties.
 */
export function copyDisagreements(doc: Node, a: EntityCopy, b: EntityCopy): string[] {
  const found: string[] = [];
  const compare = (x: unknown, y: unknown, path: string, depth: number): void => {
    if (depth > 5) return;
    const px = propertiesOf(doc, x);
    const py = propertiesOf(doc, y);
    const shared = Object.keys(px).filter((n) => n in py);
    for (const name of shared) {
      const kx = kindOf(doc, px[name]);
      const ky = kindOf(doc, py[name]);
      if (kx && ky && kx !== ky)
        found.push(`${path}${name}: ${kx} in ${a.pointer}, ${ky} in ${b.pointer}`);
    }
    const swallowed = (own: Node, other: Node, where: string) => {
      for (const name of Object.keys(own)) {
        if (name in other) continue;
        for (const holder of shared) {
          if (nestedNames(doc, other[holder]).has(name) && !nestedNames(doc, own[holder]).has(name))
            found.push(`${path}${name}: beside ${holder} in ${where}, inside it in the other copy`);
        }
      }
    };
    swallowed(px, py, a.pointer);
    swallowed(py, px, b.pointer);
    for (const name of shared) {
      if (kindOf(doc, px[name]) === kindOf(doc, py[name]) && kindOf(doc, px[name]) !== 'scalar')
        compare(px[name], py[name], `${path}${name}.`, depth + 1);
    }
  };
  compare(a.schema, b.schema, '', 0);
  return found;
}

/** Reads a JSON pointer of the document. */
export function at(doc: Node, pointer: string): unknown {
  return getAt(doc, pointer).value;
}

/** A family: a definition and the path prefix whose bodies and 2xx responses copy it. */
export interface Family {
  definition: string;
  /** Paths starting with one of these (after the prefix, only `/{…}` segments or the end). */
  paths: string[];
  /** Extra copies found elsewhere (JSON pointers of schemas), e.g. a property holding the entity. */
  extra?: string[];
}

/** The copies of one family: request bodies and 2xx response schemas that are not a `$ref` to it. */
export function familyCopies(doc: Node, family: Family): EntityCopy[] {
  const copies: EntityCopy[] = [];
  const ownRef = `#/definitions/${family.definition}`;
  const isOwnRef = (schema: unknown) => {
    const node = isNode(schema) && schema.type === 'array' ? schema.items : schema;
    return isNode(node) && node.$ref === ownRef;
  };
  for (const [path, item] of Object.entries((doc.paths as Node) ?? {})) {
    const inFamily = family.paths.some(
      (prefix) =>
        path === prefix ||
        (/^(\/\{[^}]+\})+$/.test(path.slice(prefix.length)) && path.startsWith(prefix)),
    );
    if (!inFamily || !isNode(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isNode(operation)) continue;
      const base = formatPointer(['paths', path, method]);
      (Array.isArray(operation.parameters) ? operation.parameters : []).forEach((p, i) => {
        if (isNode(p) && p.in === 'body' && !isOwnRef(p.schema))
          copies.push({ pointer: `${base}/parameters/${i}/schema`, schema: p.schema });
      });
      for (const [status, response] of Object.entries(
        isNode(operation.responses) ? operation.responses : {},
      )) {
        if (
          !/^2/.test(status) ||
          !isNode(response) ||
          !response.schema ||
          isOwnRef(response.schema)
        )
          continue;
        copies.push({ pointer: `${base}/responses/${status}/schema`, schema: response.schema });
      }
    }
  }
  for (const pointer of family.extra ?? []) copies.push({ pointer, schema: at(doc, pointer) });
  return copies;
}

/** Disagreements between any two members of a family: its definition and each inline copy. */
export function familyDisagreements(doc: Node, family: Family): string[] {
  const members: EntityCopy[] = [
    {
      pointer: `/definitions/${family.definition}`,
      schema: (doc.definitions as Node)[family.definition],
    },
    ...familyCopies(doc, family),
  ];
  const found = new Set<string>();
  members.forEach((a, i) => {
    for (const b of members.slice(i + 1))
      for (const d of copyDisagreements(doc, a, b)) found.add(d);
  });
  return [...found];
}
