/**
 * The corrections layer: explicit, reviewed patches applied to the restored Swagger file in
 * memory. The restored file itself is never edited.
 *
 * A correction is anchored on content, not on nesting: it names the property (`key`) and the
 * defective value it holds (`expect`), and lists the pointers where that value is expected.
 * The engine finds every object holding `key: expect`; their number must equal the number of
 * listed pointers, so a restoration whose nesting moves things around still gets the same fix,
 * while a defect that vanished or multiplied stops the pipeline.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  formatPointer,
  getAt,
  isObject,
  type JsonObject,
  parsePointer,
  walk,
} from './json-pointer.ts';

/** One entry of `specs/socialhub-api2.corrections.yaml`. */
export interface Correction {
  /** Stable kebab-case id. */
  id: string;
  /** 1-based line(s) of the unindented seed that hold the defect. */
  seedLines: number[];
  /** Text every listed seed line contains (checked by the tests). */
  seedText: string;
  /** Why the change is right. */
  why: string;
  /** Where the defect sits in the restored file (one pointer per occurrence). */
  pointers: string[];
  /** What to do. */
  change: CorrectionChange;
  /**
   * Corrects the restoration of the seed rather than the upstream document (a property nested
   * in the wrong object); skipped, with a warning, once the restoration no longer has the defect.
   */
  interim: boolean;
}

/** The supported changes. */
export type CorrectionChange =
  | { kind: 'set'; key: string; expect: unknown; value: unknown }
  | { kind: 'replace'; key: string; expect: unknown; with: JsonObject }
  | { kind: 'append'; values: unknown[] }
  | { kind: 'move'; to: string }
  | { kind: 'derive-operation-ids' };

/** What applying one correction did. */
export interface AppliedCorrection {
  id: string;
  /** Pointers (in the restored file) the change was applied at. */
  appliedAt: string[];
  /** Listed pointers that did not match where the defect was found (nesting moved). */
  moved: string[];
  /** Why an interim correction was not applied. */
  skipped?: string;
  /** The correction fixes the restoration, not the upstream document. */
  interim?: boolean;
}

const SEED_FIELDS = ['id', 'seedLine', 'seedText', 'why', 'pointer', 'change'] as const;

function fail(message: string): never {
  throw new Error(`corrections: ${message}`);
}

function asStringList(value: unknown, what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) fail(`${what} must be a string or a list`);
  return list as string[];
}

function parseChange(id: string, raw: unknown): CorrectionChange {
  if (!isObject(raw)) fail(`${id}: change must be an object`);
  switch (raw.kind) {
    case 'set':
      if (typeof raw.key !== 'string' || !('expect' in raw) || !('value' in raw)) {
        fail(`${id}: a set change needs key, expect and value`);
      }
      return { kind: 'set', key: raw.key, expect: raw.expect, value: raw.value };
    case 'replace':
      if (typeof raw.key !== 'string' || !('expect' in raw) || !isObject(raw.with)) {
        fail(`${id}: a replace change needs key, expect and with (an object)`);
      }
      return { kind: 'replace', key: raw.key, expect: raw.expect, with: raw.with };
    case 'append':
      if (!Array.isArray(raw.values) || raw.values.length === 0) {
        fail(`${id}: an append change needs a non-empty values list`);
      }
      return { kind: 'append', values: raw.values };
    case 'derive-operation-ids':
      return { kind: 'derive-operation-ids' };
    case 'move':
      if (typeof raw.to !== 'string') fail(`${id}: a move change needs to (a JSON pointer)`);
      return { kind: 'move', to: raw.to };
    default:
      return fail(`${id}: unknown change kind ${JSON.stringify(raw.kind)}`);
  }
}

/** Validates the parsed corrections file and returns its entries. */
export function parseCorrections(raw: unknown): Correction[] {
  if (!isObject(raw) || !Array.isArray(raw.corrections)) fail('expected { corrections: [...] }');
  const ids = new Set<string>();
  return raw.corrections.map((entry, i): Correction => {
    if (!isObject(entry)) fail(`entry ${i} is not an object`);
    const id = entry.id;
    if (typeof id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
      fail(`entry ${i}: id must be kebab-case`);
    }
    if (ids.has(id)) fail(`duplicate id ${id}`);
    ids.add(id);
    for (const field of SEED_FIELDS) {
      if (!(field in entry)) fail(`${id}: missing ${field}`);
    }
    const unknown = Object.keys(entry).filter(
      (k) => k !== 'interim' && !(SEED_FIELDS as readonly string[]).includes(k),
    );
    if (unknown.length) fail(`${id}: unknown fields ${unknown.join(', ')}`);
    if ('interim' in entry && typeof entry.interim !== 'boolean')
      fail(`${id}: interim must be a boolean`);
    const seedLines = Array.isArray(entry.seedLine) ? entry.seedLine : [entry.seedLine];
    if (!seedLines.every((n) => Number.isInteger(n) && (n as number) > 0)) {
      fail(`${id}: seedLine must be a positive integer or a list of them`);
    }
    if (typeof entry.seedText !== 'string' || typeof entry.why !== 'string' || !entry.why.trim()) {
      fail(`${id}: seedText and why must be non-empty strings`);
    }
    return {
      id,
      seedLines: seedLines as number[],
      seedText: entry.seedText,
      why: entry.why.trim(),
      pointers: asStringList(entry.pointer, `${id}: pointer`),
      change: parseChange(id, entry.change),
      interim: entry.interim === true,
    };
  });
}

/** Every object in `doc` whose `key` holds a value deep-equal to `expect`, by pointer. */
export function findDefect(doc: unknown, key: string, expect: unknown): string[] {
  const found: string[] = [];
  walk(doc, (value, tokens) => {
    if (isObject(value) && Object.hasOwn(value, key) && isDeepStrictEqual(value[key], expect)) {
      found.push(formatPointer([...tokens, key]));
    }
  });
  return found;
}

function parentOf(doc: unknown, pointer: string): JsonObject {
  const parent = getAt(doc, pointer.slice(0, pointer.lastIndexOf('/')));
  if (!isObject(parent.value)) fail(`no object at the parent of ${pointer}`);
  return parent.value;
}

/** Where each correction applies in `doc`; throws when a target is missing or ambiguous. */
export function locateCorrection(doc: unknown, correction: Correction): AppliedCorrection {
  const { id, change, pointers } = correction;
  if (change.kind === 'derive-operation-ids') {
    if (!isObject(getAt(doc, pointers[0] ?? '').value)) fail(`${id}: no object at ${pointers[0]}`);
    return { id, appliedAt: pointers, moved: [] };
  }
  if (change.kind === 'append') {
    const target = getAt(doc, pointers[0] ?? '');
    if (pointers.length !== 1 || !Array.isArray(target.value)) {
      fail(`${id}: append needs exactly one pointer to an array`);
    }
    const existing = target.value as unknown[];
    const dupes = change.values.filter((v) => existing.some((e) => isDeepStrictEqual(e, v)));
    if (dupes.length) fail(`${id}: already present: ${JSON.stringify(dupes)}`);
    return { id, appliedAt: pointers, moved: [] };
  }
  if (change.kind === 'move') {
    const from = pointers[0] ?? '';
    const key = parsePointer(change.to).pop() ?? '';
    const target = getAt(doc, change.to.slice(0, change.to.lastIndexOf('/')));
    if (pointers.length !== 1 || !getAt(doc, from).found) fail(`${id}: nothing to move at ${from}`);
    if (!isObject(target.value))
      fail(`${id}: no object to move into at the parent of ${change.to}`);
    if (Object.hasOwn(target.value, key)) fail(`${id}: ${change.to} is already set`);
    return { id, appliedAt: [from], moved: [] };
  }
  const found = findDefect(doc, change.key, change.expect);
  if (found.length !== pointers.length) {
    fail(
      `${id}: expected ${pointers.length} occurrence(s) of ${change.key}: ${JSON.stringify(change.expect)}, ` +
        `found ${found.length}${found.length ? ` at ${found.join(', ')}` : ''}`,
    );
  }
  return { id, appliedAt: found, moved: pointers.filter((p) => !found.includes(p)) };
}

/**
 * Applies the patch corrections to `doc` in place (every correction but
 * `derive-operation-ids`, which `applyOperationIds` handles) and reports where.
 */
export function applyCorrections(
  doc: unknown,
  corrections: readonly Correction[],
): AppliedCorrection[] {
  // Locate everything first so that one correction cannot hide or create another's target.
  const located = corrections.map((c) => {
    try {
      return { c, at: locateCorrection(doc, c) };
    } catch (error) {
      if (!c.interim) throw error;
      const skipped = (error as Error).message.replace(/^corrections: /, '');
      return { c, at: { id: c.id, appliedAt: [], moved: [], skipped } };
    }
  });
  for (const { c, at } of located) {
    const { change } = c;
    if (at.skipped) continue;
    if (change.kind === 'move') {
      const from = at.appliedAt[0] ?? '';
      const source = parentOf(doc, from);
      const sourceKey = parsePointer(from).pop() ?? '';
      parentOf(doc, change.to)[parsePointer(change.to).pop() ?? ''] = source[sourceKey];
      delete source[sourceKey];
      continue;
    }
    if (change.kind === 'append') {
      (getAt(doc, at.appliedAt[0] ?? '').value as unknown[]).push(
        ...structuredClone(change.values),
      );
    } else if (change.kind === 'set') {
      for (const pointer of at.appliedAt)
        parentOf(doc, pointer)[change.key] = structuredClone(change.value);
    } else if (change.kind === 'replace') {
      // Drop `key` and add the `with` keys; never overwrite a sibling silently.
      for (const pointer of at.appliedAt) {
        const parent = parentOf(doc, pointer);
        delete parent[change.key];
        const clash = Object.keys(change.with).filter((k) => Object.hasOwn(parent, k));
        if (clash.length) fail(`${c.id}: ${clash.join(', ')} already set beside ${pointer}`);
        Object.assign(parent, structuredClone(change.with));
      }
    }
  }
  return located.map(({ c, at }) => (c.interim ? { ...at, interim: true } : at));
}
