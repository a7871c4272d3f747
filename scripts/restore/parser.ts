/**
 * Re-indents the seed: a stack machine over the classified lines that, for each line, lists every
 * open map (or list) the Swagger grammar allows it to join, and asks `choose` to pick one when
 * there is more than one. The output is the seed's lines, in order, with indentation added.
 */
import { childPointer } from '@socialhub/codegen/json-pointer';
import {
  acceptsShape,
  LIST_ITEMS,
  type ListKind,
  type MapKind,
  type ValueSpec,
  valueSpecOf,
} from './grammar.ts';
import type { SeedLine } from './lines.ts';

export interface MapFrame {
  type: 'map';
  kind: MapKind;
  indent: number;
  pointer: string;
  keys: string[];
  /** Inline scalar values by key, kept for the evidence rules (`type: array`, ...). */
  scalars: Map<string, string>;
}

export interface ListFrame {
  type: 'list';
  kind: ListKind;
  indent: number;
  pointer: string;
  count: number;
}

export type Frame = MapFrame | ListFrame;

/** A line that more than one open container may hold. */
export interface ChoicePoint {
  line: SeedLine;
  /** Candidate containers, innermost first, each with its depth in the stack. */
  candidates: { frame: Frame; depth: number; spec?: ValueSpec }[];
  stack: readonly Frame[];
  /** Index of the line in the classified lines, for look-ahead. */
  index: number;
}

/** Picks one candidate (an index into `point.candidates`). */
export type Chooser = (point: ChoicePoint, lines: readonly SeedLine[]) => number;

function childKind(
  spec: ValueSpec,
  next: SeedLine | undefined,
): { type: 'map'; kind: MapKind } | { type: 'list'; kind: ListKind } | undefined {
  const nextIsItem = next?.kind === 'item';
  if (spec === 'any')
    return nextIsItem ? { type: 'list', kind: 'anyList' } : { type: 'map', kind: 'anyMap' };
  if (spec.startsWith('list:'))
    return nextIsItem ? { type: 'list', kind: spec.slice(5) as ListKind } : undefined;
  if (spec.startsWith('map:'))
    return nextIsItem ? undefined : { type: 'map', kind: spec.slice(4) as MapKind };
  return undefined;
}

function nextStructural(lines: readonly SeedLine[], index: number): SeedLine | undefined {
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line && line.kind !== 'comment' && line.kind !== 'flow') return line;
  }
  return undefined;
}

/** True when `line` can be the first entry of a new block of the given kind. */
function fitsAsFirst(
  child: { type: 'map'; kind: MapKind } | { type: 'list'; kind: ListKind },
  line: SeedLine | undefined,
): boolean {
  if (!line) return false;
  if (child.type === 'list') return fitsItem(child.kind, line);
  if (line.kind !== 'key' || line.key === undefined) return false;
  const spec = valueSpecOf(child.kind, line.key);
  return spec !== undefined && accepts(spec, line);
}

function accepts(spec: ValueSpec, line: SeedLine): boolean {
  if (line.key === 'additionalProperties' && !line.isBlock) return true;
  return acceptsShape(spec, line.isBlock ?? false, line.value);
}

function fitsItem(kind: ListKind, line: SeedLine): boolean {
  if (line.kind !== 'item') return false;
  const itemKind = LIST_ITEMS[kind];
  if (itemKind === 'scalar') return !line.isMapItem;
  if (!line.isMapItem || line.key === undefined) return false;
  const spec = valueSpecOf(itemKind, line.key);
  return spec !== undefined && accepts(spec, line);
}

export interface RestoreResult {
  /** The restored YAML text, one output line per seed line. */
  text: string;
  /** Every line that had more than one candidate, with the chosen container's pointer. */
  choices: { point: ChoicePoint; chosen: number }[];
}

/** Re-indents `lines`, calling `choose` wherever more than one container could hold a line. */
export function restore(
  lines: readonly SeedLine[],
  choose: Chooser,
  onClose?: (frame: Frame, isCertain: boolean) => void,
): RestoreResult {
  const root: MapFrame = {
    type: 'map',
    kind: 'root',
    indent: 0,
    pointer: '',
    keys: [],
    scalars: new Map(),
  };
  const stack: Frame[] = [root];
  const out: string[] = [];
  const pendingComments: string[] = [];
  const choices: RestoreResult['choices'] = [];
  let flowIndent = 0;

  const emit = (indent: number, text: string) => {
    for (const comment of pendingComments.splice(0)) out.push(' '.repeat(indent) + comment);
    out.push(' '.repeat(indent) + text);
  };

  const pushChild = (
    parent: Frame,
    pointer: string,
    spec: ValueSpec,
    next: SeedLine | undefined,
  ) => {
    const child = childKind(spec, next);
    if (!child) throw new Error(`no block value fits before seed line ${next?.no}`);
    const indent = parent.indent + 2;
    stack.push(
      child.type === 'map'
        ? { type: 'map', kind: child.kind, indent, pointer, keys: [], scalars: new Map() }
        : { type: 'list', kind: child.kind, indent, pointer, count: 0 },
    );
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as SeedLine;
    if (line.kind === 'comment') {
      pendingComments.push(line.text);
      continue;
    }
    if (line.kind === 'flow') {
      emit(flowIndent, line.text);
      continue;
    }
    const next = nextStructural(lines, index);
    const candidates: ChoicePoint['candidates'] = [];
    for (let depth = stack.length - 1; depth >= 0; depth--) {
      const frame = stack[depth] as Frame;
      if (line.kind === 'key' && frame.type === 'map' && line.key !== undefined) {
        if (frame.keys.includes(line.key)) continue;
        const spec = valueSpecOf(frame.kind, line.key);
        if (!spec || !accepts(spec, line)) continue;
        if (line.isBlock) {
          const child = childKind(spec, next);
          if (!child || !fitsAsFirst(child, next)) continue;
        }
        candidates.push({ frame, depth, spec });
      } else if (line.kind === 'item' && frame.type === 'list' && fitsItem(frame.kind, line)) {
        if (line.isMapItem && line.isBlock) {
          const itemKind = LIST_ITEMS[frame.kind] as MapKind;
          const spec = valueSpecOf(itemKind, line.key as string) as ValueSpec;
          const child = childKind(spec, next);
          if (!child || !fitsAsFirst(child, next)) continue;
        }
        candidates.push({ frame, depth });
      }
      // A block that was just opened must receive this line: nothing below it may take it.
      if (depth === stack.length - 1 && isEmpty(frame)) break;
    }
    if (candidates.length === 0) {
      throw new Error(`seed line ${line.no} fits no open container: ${line.text}`);
    }
    let chosen = 0;
    if (candidates.length > 1) {
      const point: ChoicePoint = { line, candidates, stack: [...stack], index };
      chosen = choose(point, lines);
      choices.push({ point, chosen });
    }
    const { frame, depth, spec } = candidates[chosen] as ChoicePoint['candidates'][number];
    if (onClose) {
      for (let d = stack.length - 1; d > depth; d--) {
        const closed = stack[d] as Frame;
        onClose(closed, !candidates.some((c) => c.frame === closed));
      }
    }
    stack.length = depth + 1;
    if (frame.type === 'map') {
      const key = line.key as string;
      frame.keys.push(key);
      if (!line.isBlock && line.value !== undefined) frame.scalars.set(key, line.value);
      emit(frame.indent, line.text);
      flowIndent = frame.indent + 2;
      if (line.isBlock) pushChild(frame, childPointer(frame.pointer, key), spec as ValueSpec, next);
    } else {
      const itemPointer = `${frame.pointer}/${frame.count++}`;
      emit(frame.indent, line.text);
      flowIndent = frame.indent + 4;
      const itemKind = LIST_ITEMS[frame.kind];
      if (itemKind !== 'scalar') {
        const item: MapFrame = {
          type: 'map',
          kind: itemKind,
          indent: frame.indent + 2,
          pointer: itemPointer,
          keys: [line.key as string],
          scalars: new Map(),
        };
        if (!line.isBlock && line.value !== undefined)
          item.scalars.set(line.key as string, line.value);
        stack.push(item);
        if (line.isBlock) {
          pushChild(
            item,
            childPointer(itemPointer, line.key as string),
            valueSpecOf(itemKind, line.key as string) as ValueSpec,
            next,
          );
        }
      }
    }
  }
  if (pendingComments.length) for (const comment of pendingComments) out.push(comment);
  return { text: `${out.join('\n')}\n`, choices };
}

function isEmpty(frame: Frame): boolean {
  return frame.type === 'map' ? frame.keys.length === 0 : frame.count === 0;
}
