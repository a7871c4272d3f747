/**
 * The judgement rules: given a line that several open containers could hold, rank the candidates
 * by the evidence a careful reader would use, and say how sure the ranking is.
 */
import type { SeedEvidence } from './evidence.ts';
import type { SeedLine } from './lines.ts';
import type { ChoicePoint, Frame, MapFrame } from './parser.ts';

export type Confidence = 'high' | 'medium' | 'low';

export interface Judgement {
  /** Index into `point.candidates`. */
  chosen: number;
  rule: string;
  evidence: string;
  confidence: Confidence;
}

const ARRAY_ONLY = new Set(['items', 'minItems', 'maxItems', 'uniqueItems', 'collectionFormat']);
const OBJECT_ONLY = new Set([
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'discriminator',
]);
const STRING_ONLY = new Set(['pattern', 'minLength', 'maxLength']);
const NUMBER_ONLY = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
]);
const OPERATION_FIRST_KEYS = new Set([
  'summary',
  'description',
  'tags',
  'operationId',
  'parameters',
  'responses',
  'deprecated',
  'consumes',
  'produces',
  'security',
]);

const ANNOTATIONS = new Set(['description', 'title', 'readOnly', 'example', 'default']);
const KEYWORD_BLOCKS = new Set(['items', 'properties', 'schema', 'allOf', 'additionalProperties']);

function typeOf(frame: MapFrame): string | undefined {
  return frame.scalars.get('type')?.replace(/['"]/g, '');
}

/** Why a keyword cannot belong to a schema frame, or undefined when it can. */
function keywordMismatch(
  frame: MapFrame,
  key: string,
  value: string | undefined,
): string | undefined {
  if (frame.keys.includes('$ref') && !ANNOTATIONS.has(key))
    return 'holds a $ref (a reference takes no siblings but annotations)';
  const type = typeOf(frame);
  if (!type) return undefined;
  if (ARRAY_ONLY.has(key) && type !== 'array') return `\`${key}\` needs type array, it is ${type}`;
  if (OBJECT_ONLY.has(key) && type !== 'object')
    return `\`${key}\` needs type object, it is ${type}`;
  if (STRING_ONLY.has(key) && type !== 'string')
    return `\`${key}\` needs type string, it is ${type}`;
  if (NUMBER_ONLY.has(key) && type !== 'number' && type !== 'integer')
    return `\`${key}\` needs a number type, it is ${type}`;
  if (key === 'enum' && (type === 'array' || type === 'object')) return `enum on type ${type}`;
  if (key === 'format' && value) {
    const format = value.replace(/['"]/g, '');
    const numeric = ['int32', 'int64', 'float', 'double'].includes(format);
    if (numeric !== (type === 'number' || type === 'integer'))
      return `format ${format} does not fit type ${type}`;
  }
  return undefined;
}

const isSchemaLike = (frame: Frame): frame is MapFrame =>
  frame.type === 'map' &&
  (frame.kind === 'schema' ||
    frame.kind === 'parameter' ||
    frame.kind === 'itemsObject' ||
    frame.kind === 'header');

/** The names a `required` list holds, inline (`[a, b]`) or as the block items that follow. */
function requiredNames(line: SeedLine, lines: readonly SeedLine[], index: number): string[] {
  const clean = (s: string) => s.trim().replace(/^['"]|['"]$/g, '');
  if (line.value?.startsWith('['))
    return line.value.slice(1, -1).split(',').map(clean).filter(Boolean);
  const names: string[] = [];
  for (let i = index + 1; i < lines.length; i++) {
    const item = lines[i] as SeedLine;
    if (item.kind !== 'item' || item.isMapItem) break;
    names.push(clean(item.value ?? ''));
  }
  return names;
}

/** The property names already seen in the `properties` map of a schema frame on the stack. */
function propertiesOf(stack: readonly Frame[], schema: MapFrame): string[] {
  const props = stack.find((f) => f.type === 'map' && f.pointer === `${schema.pointer}/properties`);
  return props?.type === 'map' ? props.keys : [];
}

/** True when `inner` is the items schema or a property schema of `outer`. */
function isEnclosing(outer: MapFrame, inner: MapFrame): boolean {
  return (
    inner.pointer === `${outer.pointer}/items` ||
    (inner.pointer.startsWith(`${outer.pointer}/properties/`) &&
      !inner.pointer.slice(outer.pointer.length + 12).includes('/'))
  );
}

/** A later `required` list that names this property together with a candidate map's properties. */
function requiredLookahead(
  point: ChoicePoint,
  lines: readonly SeedLine[],
  props: { frame: MapFrame; i: number }[],
): Judgement | undefined {
  const key = point.line.key as string;
  for (let j = point.index + 1; j < lines.length; j++) {
    const line = lines[j] as SeedLine;
    if (
      line.kind === 'key' &&
      line.key !== undefined &&
      (/^[A-Z]/.test(line.key) ||
        /^([1-5][0-9][0-9])$/.test(line.key) ||
        ['get', 'post', 'put', 'patch', 'delete'].includes(line.key) ||
        line.key.startsWith('/'))
    )
      break;
    if (
      line.kind !== 'key' ||
      line.key !== 'required' ||
      line.value === 'true' ||
      line.value === 'false'
    )
      continue;
    const names = requiredNames(line, lines, j);
    if (!names.includes(key)) continue;
    for (const { frame, i } of props) {
      const shared = names.filter((n) => frame.keys.includes(n));
      if (shared.length > 0) {
        return {
          chosen: i,
          rule: 'required-lookahead',
          evidence: `the \`required\` list at seed line ${line.no} names ${key} with ${shared.join(', ')} of ${frame.pointer}`,
          confidence: 'high',
        };
      }
    }
  }
  return undefined;
}

/** The candidate index of the `properties` map that holds `schema` as one of its properties, or -1. */
function propertiesHolding(candidates: ChoicePoint['candidates'], schema: MapFrame): number {
  const parent = schema.pointer.slice(0, schema.pointer.lastIndexOf('/'));
  if (!parent.endsWith('/properties')) return -1;
  return candidates.findIndex(
    (c) => c.frame.type === 'map' && c.frame.kind === 'properties' && c.frame.pointer === parent,
  );
}

/**
 * True when an open `type: object` schema without properties yet is followed, after this line and
 * any further annotations, by an object keyword: the annotations describe that object, and its
 * `properties` must not land on an array.
 */
function awaitsObjectKeywords(frame: MapFrame, lines: readonly SeedLine[], index: number): boolean {
  if (typeOf(frame) !== 'object' || frame.keys.includes('properties')) return false;
  for (let j = index + 1; j < lines.length; j++) {
    const next = lines[j] as SeedLine;
    if (next.kind === 'comment' || next.kind === 'flow') continue;
    if (
      next.kind === 'key' &&
      next.key &&
      ANNOTATIONS.has(next.key) &&
      !frame.keys.includes(next.key)
    )
      continue;
    return (
      next.kind === 'key' &&
      ['properties', 'required', 'additionalProperties'].includes(next.key ?? '')
    );
  }
  return false;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/** The values enumerated by the parameters of the operation a response line belongs to. */
function operationEnumValues(lines: readonly SeedLine[], index: number): Set<string> {
  const values = new Set<string>();
  const clean = (s: string) => s.trim().replace(/^['"]|['"]$/g, '');
  for (let j = index - 1; j >= 0; j--) {
    const line = lines[j] as SeedLine;
    if (line.kind === 'key' && HTTP_METHODS.includes(line.key ?? '') && line.isBlock) break;
    if (line.kind === 'key' && line.key === 'enum' && line.value?.startsWith('['))
      for (const v of line.value.slice(1, -1).split(',')) values.add(clean(v));
    if (line.kind === 'key' && line.key === 'enum' && line.isBlock)
      for (let k = j + 1; lines[k]?.kind === 'item'; k++) values.add(clean(lines[k]?.value ?? ''));
  }
  values.delete('');
  return values;
}

/** True when the block after this property line is `type: array` with object items. */
function isArrayOfObjects(lines: readonly SeedLine[], index: number): boolean {
  const after = lines.slice(index + 1, index + 6).filter((l) => l.kind === 'key');
  const type = after.find((l) => l.key === 'type');
  const itemsAt = after.findIndex((l) => l.key === 'items');
  return (
    type?.value?.replace(/['"]/g, '') === 'array' &&
    itemsAt >= 0 &&
    after[itemsAt + 1]?.key === 'type' &&
    after[itemsAt + 1]?.value?.replace(/['"]/g, '') === 'object'
  );
}

/**
 * Facet lists: a response that is an object of sibling arrays, one per requested type, must not
 * nest each next array inside the previous array's item. Evidence: the property is named like one
 * of the operation's enumerated parameter values and another of them already sits in an open
 * properties map; or the response or operation says it returns an object of arrays.
 */
function facetLists(
  point: ChoicePoint,
  lines: readonly SeedLine[],
  props: { frame: MapFrame; i: number }[],
): Judgement | undefined {
  const key = point.line.key as string;
  const response = point.stack.find(
    (f): f is MapFrame => f.type === 'map' && /\/responses\/[0-9]{3}$/.test(f.pointer),
  );
  if (!response || props.length < 2 || !isArrayOfObjects(lines, point.index)) return undefined;
  const enumValues = operationEnumValues(lines, point.index);
  if (enumValues.has(key)) {
    for (const { frame, i } of props) {
      const siblings = frame.keys.filter((k) => enumValues.has(k));
      if (siblings.length > 0)
        return {
          chosen: i,
          rule: 'facet-lists',
          evidence: `\`${key}\` is a requested type of the operation, like ${siblings.join(', ')} of ${frame.pointer}`,
          confidence: 'high',
        };
    }
  }
  const operation = point.stack.find(
    (f): f is MapFrame => f.type === 'map' && f.kind === 'operation',
  );
  const saysArrays = [response.scalars.get('description'), operation?.scalars.get('description')]
    .filter(Boolean)
    .find((d) => /object of arrays|returns arrays of/i.test(d as string));
  const top = props.find((p) => p.frame.pointer === `${response.pointer}/schema/properties`);
  if (saysArrays && top && top !== props[0]) {
    return {
      chosen: top.i,
      rule: 'facet-lists',
      evidence: `the response is ${JSON.stringify(saysArrays)}: each list of objects is a sibling in ${top.frame.pointer}`,
      confidence: 'medium',
    };
  }
  return undefined;
}

/** Ranks the candidates of one choice point. */
export function judge(
  point: ChoicePoint,
  lines: readonly SeedLine[],
  evidence: SeedEvidence,
): Judgement {
  const { line, candidates } = point;
  const key = line.key ?? '';
  const kinds = candidates.map((c) => c.frame.kind);
  const pick = (index: number, rule: string, text: string, confidence: Confidence): Judgement => ({
    chosen: index,
    rule,
    evidence: text,
    confidence,
  });
  const indexOfKind = (kind: string) => kinds.indexOf(kind as never);

  if (line.kind === 'item')
    return pick(0, 'innermost-list', 'the innermost open list that takes this item shape', 'high');

  // Root sections are announced by the seed's own comments ("# Reusable ... definitions.").
  const rootIndex = indexOfKind('root');
  if (rootIndex >= 0) {
    const previous = lines[point.index - 1];
    if (previous?.kind === 'comment' && /^# Reusable/.test(previous.text)) {
      return pick(
        rootIndex,
        'root-section',
        `preceded by the section comment "${previous.text}"`,
        'high',
      );
    }
  }

  // Status codes belong to a `responses` map, not to a property named "200".
  const responsesIndex = indexOfKind('responses');
  if (responsesIndex >= 0 && /^([1-5][0-9][0-9]|default)$/.test(key)) {
    return pick(
      responsesIndex,
      'status-code',
      `\`${key}\` is an HTTP status code and the operation's responses map lacks it`,
      'high',
    );
  }

  // Capitalised names in the definitions region are definitions (every $ref target is capitalised).
  const definitionsIndex = indexOfKind('definitions');
  if (definitionsIndex >= 0 && /^[A-Z]/.test(key)) {
    const referenced = evidence.referencedDefinitions.has(key);
    return pick(
      definitionsIndex,
      'definition-name',
      referenced
        ? `\`#/definitions/${key}\` is referenced elsewhere`
        : `capitalised like every definition name; no property name is capitalised`,
      referenced ? 'high' : 'medium',
    );
  }

  // Operation-level keys go to the operation while it lacks them.
  const operationIndex = indexOfKind('operation');
  if (
    operationIndex >= 0 &&
    [
      'responses',
      'parameters',
      'tags',
      'summary',
      'description',
      'operationId',
      'deprecated',
      'consumes',
      'produces',
      'security',
    ].includes(key) &&
    line.isBlock
  ) {
    if (key === 'responses' || key === 'parameters') {
      return pick(
        operationIndex,
        'operation-key',
        `every operation needs \`${key}\` and this operation has none yet`,
        'high',
      );
    }
  }

  // HTTP methods open a new operation on the path item.
  const pathItemIndex = indexOfKind('pathItem');
  if (
    pathItemIndex >= 0 &&
    ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'].includes(key)
  ) {
    const next = lines.slice(point.index + 1).find((l) => l.kind !== 'comment');
    if (next?.key && OPERATION_FIRST_KEYS.has(next.key)) {
      return pick(
        pathItemIndex,
        'http-method',
        `\`${key}\` is followed by operation field \`${next.key}\``,
        'high',
      );
    }
  }

  // A `required` list names properties of the schema that holds it.
  if (key === 'required' && !(line.value === 'true' || line.value === 'false')) {
    const names = requiredNames(line, lines, point.index);
    let best = -1;
    let bestHits = 0;
    for (let i = 0; i < candidates.length; i++) {
      const frame = (candidates[i] as ChoicePoint['candidates'][number]).frame;
      if (frame.type !== 'map' || frame.kind !== 'schema') continue;
      const props = propertiesOf(point.stack, frame);
      const hits = names.filter((n) => props.includes(n)).length;
      if (hits > bestHits) {
        best = i;
        bestHits = hits;
      }
    }
    if (best >= 0) {
      const frame = (candidates[best] as ChoicePoint['candidates'][number]).frame;
      return pick(
        best,
        'required-names',
        `${bestHits}/${names.length} of [${names.join(', ')}] are properties of ${frame.pointer}`,
        bestHits === names.length ? 'high' : 'medium',
      );
    }
    const first = candidates.findIndex(
      (c) => c.frame.type === 'map' && c.frame.kind === 'schema' && !c.frame.keys.includes('$ref'),
    );
    if (first >= 0) {
      return pick(
        first,
        'required-before-properties',
        `none of [${names.join(', ')}] is a property of an open schema yet: the innermost schema holds the list`,
        'medium',
      );
    }
  }

  // Keywords go to the innermost schema-like map that can take them.
  if (!line.isBlock || KEYWORD_BLOCKS.has(key)) {
    const reasons: string[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const frame = (candidates[i] as ChoicePoint['candidates'][number]).frame;
      if (frame.type !== 'map' || frame.kind === 'properties' || frame.kind === 'definitions')
        continue;
      if (isSchemaLike(frame)) {
        const mismatch = keywordMismatch(frame, key, line.value);
        const outer = candidates[i + 1]?.frame;
        // A misfit closes this schema only when its enclosing schema is open and takes the keyword;
        // otherwise the misfit is the original's own (kept, and listed as a defect).
        if (
          mismatch &&
          outer?.type === 'map' &&
          outer.kind === 'schema' &&
          isEnclosing(outer, frame) &&
          !keywordMismatch(outer, key, line.value)
        ) {
          reasons.push(`${frame.pointer}: ${mismatch}`);
          continue;
        }
        // A block keyword the schema's type forbids (`items:` under `type: string`) is a property
        // of that name, continuing the properties map that holds the schema.
        const holder = mismatch && line.isBlock ? propertiesHolding(candidates, frame) : -1;
        if (holder >= 0) {
          return pick(
            holder,
            'misfit-keyword-is-property',
            `${frame.pointer}: ${mismatch}, so \`${key}\` is a property beside it`,
            'high',
          );
        }
        if (mismatch)
          reasons.push(`kept despite ${frame.pointer}: ${mismatch} (defect of the original)`);
        const parent = candidates[i + 1]?.frame;
        if (
          ANNOTATIONS.has(key) &&
          frame.pointer.endsWith('/items') &&
          parent?.type === 'map' &&
          parent.pointer === frame.pointer.slice(0, -'/items'.length) &&
          !awaitsObjectKeywords(frame, lines, point.index)
        ) {
          return pick(
            i + 1,
            'annotation-after-items',
            `\`${key}\` follows the closed items schema of ${parent.pointer}, which lacks it`,
            'medium',
          );
        }
      }
      const confidence: Confidence =
        reasons.length === 0 || reasons.every((r) => r.startsWith('kept')) ? 'high' : 'medium';
      return pick(
        i,
        'keyword-innermost-fit',
        reasons.length
          ? `skipped ${reasons.join('; ')}`
          : 'the innermost map that takes this keyword',
        confidence,
      );
    }
  }

  // Property names: which open properties map does this one continue?
  const propertyCandidates = candidates
    .map((c, i) => ({ frame: c.frame, i }))
    .filter(
      (c): c is { frame: MapFrame; i: number } =>
        c.frame.type === 'map' && c.frame.kind === 'properties',
    );
  if (propertyCandidates.length > 0) {
    const byRequired = requiredLookahead(point, lines, propertyCandidates);
    if (byRequired) return byRequired;
    const byFacets = facetLists(point, lines, propertyCandidates);
    if (byFacets) return byFacets;
    const first = propertyCandidates[0] as { frame: MapFrame; i: number };
    return pick(
      first.i,
      'property-continues',
      `no evidence closes ${first.frame.pointer}; it continues`,
      'low',
    );
  }
  return pick(0, 'innermost', 'innermost candidate', 'low');
}
