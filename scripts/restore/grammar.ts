/**
 * The Swagger 2.0 grammar as the restorer needs it: for each kind of map, which keys it may hold
 * and what each key's value is (an inline scalar, a map of some kind, or a list of some kind).
 */

/** What a key's value is. `scalar` = inline only; `map:K` / `list:K` = a block of kind K. */
export type ValueSpec = 'scalar' | `map:${MapKind}` | `list:${ListKind}` | 'any';

export type MapKind =
  | 'root'
  | 'info'
  | 'contact'
  | 'license'
  | 'externalDocs'
  | 'securityDefinitions'
  | 'securityScheme'
  | 'scopes'
  | 'securityRequirement'
  | 'tag'
  | 'paths'
  | 'pathItem'
  | 'operation'
  | 'parameter'
  | 'itemsObject'
  | 'responses'
  | 'response'
  | 'headers'
  | 'header'
  | 'parameterDefinitions'
  | 'responseDefinitions'
  | 'definitions'
  | 'schema'
  | 'properties'
  | 'anyMap';

export type ListKind =
  | 'scalars'
  | 'parameters'
  | 'tags'
  | 'securityRequirements'
  | 'schemas'
  | 'anyList';

/** What the items of each kind of list are. */
export const LIST_ITEMS: Record<ListKind, 'scalar' | MapKind> = {
  scalars: 'scalar',
  parameters: 'parameter',
  tags: 'tag',
  securityRequirements: 'securityRequirement',
  schemas: 'schema',
  anyList: 'anyMap',
};

const validations = {
  multipleOf: 'scalar',
  maximum: 'scalar',
  exclusiveMaximum: 'scalar',
  minimum: 'scalar',
  exclusiveMinimum: 'scalar',
  maxLength: 'scalar',
  minLength: 'scalar',
  pattern: 'scalar',
  maxItems: 'scalar',
  minItems: 'scalar',
  uniqueItems: 'scalar',
  enum: 'list:scalars',
} as const satisfies Record<string, ValueSpec>;

const SCHEMA_KEYS = {
  $ref: 'scalar',
  format: 'scalar',
  title: 'scalar',
  description: 'scalar',
  default: 'any',
  ...validations,
  maxProperties: 'scalar',
  minProperties: 'scalar',
  required: 'list:scalars',
  type: 'scalar',
  items: 'map:schema',
  allOf: 'list:schemas',
  properties: 'map:properties',
  additionalProperties: 'map:schema',
  discriminator: 'scalar',
  readOnly: 'scalar',
  example: 'any',
  externalDocs: 'map:externalDocs',
} as const satisfies Record<string, ValueSpec>;

const ITEMS_OBJECT_KEYS = {
  type: 'scalar',
  format: 'scalar',
  items: 'map:itemsObject',
  collectionFormat: 'scalar',
  default: 'any',
  ...validations,
} as const satisfies Record<string, ValueSpec>;

const FIXED: Partial<Record<MapKind, Record<string, ValueSpec>>> = {
  root: {
    swagger: 'scalar',
    info: 'map:info',
    host: 'scalar',
    basePath: 'scalar',
    schemes: 'list:scalars',
    consumes: 'list:scalars',
    produces: 'list:scalars',
    paths: 'map:paths',
    definitions: 'map:definitions',
    parameters: 'map:parameterDefinitions',
    responses: 'map:responseDefinitions',
    securityDefinitions: 'map:securityDefinitions',
    security: 'list:securityRequirements',
    tags: 'list:tags',
    externalDocs: 'map:externalDocs',
  },
  info: {
    title: 'scalar',
    description: 'scalar',
    termsOfService: 'scalar',
    contact: 'map:contact',
    license: 'map:license',
    version: 'scalar',
  },
  contact: { name: 'scalar', url: 'scalar', email: 'any' },
  license: { name: 'scalar', url: 'scalar' },
  externalDocs: { description: 'scalar', url: 'scalar' },
  securityScheme: {
    type: 'scalar',
    description: 'scalar',
    name: 'scalar',
    in: 'scalar',
    flow: 'scalar',
    authorizationUrl: 'scalar',
    tokenUrl: 'scalar',
    scopes: 'map:scopes',
  },
  tag: { name: 'scalar', description: 'scalar', externalDocs: 'map:externalDocs' },
  pathItem: {
    $ref: 'scalar',
    get: 'map:operation',
    put: 'map:operation',
    post: 'map:operation',
    delete: 'map:operation',
    options: 'map:operation',
    head: 'map:operation',
    patch: 'map:operation',
    parameters: 'list:parameters',
  },
  operation: {
    tags: 'list:scalars',
    summary: 'scalar',
    description: 'scalar',
    externalDocs: 'map:externalDocs',
    operationId: 'scalar',
    consumes: 'list:scalars',
    produces: 'list:scalars',
    parameters: 'list:parameters',
    responses: 'map:responses',
    schemes: 'list:scalars',
    deprecated: 'scalar',
    security: 'list:securityRequirements',
  },
  parameter: {
    $ref: 'scalar',
    name: 'scalar',
    in: 'scalar',
    description: 'scalar',
    required: 'scalar',
    schema: 'map:schema',
    allowEmptyValue: 'scalar',
    ...ITEMS_OBJECT_KEYS,
  },
  itemsObject: ITEMS_OBJECT_KEYS,
  header: { description: 'scalar', ...ITEMS_OBJECT_KEYS },
  response: {
    $ref: 'scalar',
    description: 'scalar',
    schema: 'map:schema',
    headers: 'map:headers',
    examples: 'map:anyMap',
  },
  schema: SCHEMA_KEYS,
};

/** Maps whose keys are names chosen by the author; the value kind every such key takes. */
const NAMED: Partial<Record<MapKind, ValueSpec>> = {
  securityDefinitions: 'map:securityScheme',
  scopes: 'scalar',
  securityRequirement: 'list:scalars',
  paths: 'map:pathItem',
  responses: 'map:response',
  headers: 'map:header',
  parameterDefinitions: 'map:parameter',
  responseDefinitions: 'map:response',
  definitions: 'map:schema',
  properties: 'map:schema',
  anyMap: 'any',
};

/** The value spec of `key` in a map of `kind`, or undefined when the grammar does not allow it. */
export function valueSpecOf(kind: MapKind, key: string): ValueSpec | undefined {
  if (key.startsWith('x-') && kind !== 'properties' && kind !== 'definitions') return 'any';
  const fixed = FIXED[kind];
  if (fixed) return Object.hasOwn(fixed, key) ? fixed[key] : undefined;
  const named = NAMED[kind];
  if (kind === 'paths' && !key.startsWith('/')) return undefined;
  if (kind === 'responses' && !/^([1-5][0-9][0-9]|default)$/.test(key)) return undefined;
  return named;
}

/** True when a value spec accepts the shape of a line: inline value vs block. */
export function acceptsShape(
  spec: ValueSpec,
  isBlock: boolean,
  value: string | undefined,
): boolean {
  if (spec === 'any') return true;
  if (spec === 'scalar') return !isBlock;
  if (spec.startsWith('list:')) {
    // An inline flow sequence (`[a, b]`) also fills a list.
    return isBlock || (value?.startsWith('[') ?? false);
  }
  // A map: a block, or an inline flow mapping / `{}`.
  return isBlock || (value?.startsWith('{') ?? false);
}
