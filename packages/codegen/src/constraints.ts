/**
 * `anyOf` / `oneOf` whose branches only list `required` keys ("text or attachments must be
 * present") constrain an object without changing its shape. openapi-typescript reads each such
 * branch as `unknown`, which turns the whole type into `unknown`; so the types are generated
 * without these branches, and the zod schemas check them at run time with a refinement, which
 * leaves `z.infer` unchanged.
 */
import { isObject, type JsonObject, walk } from './json-pointer.ts';

const CONSTRAINT_KEYS = new Set(['required', 'description', 'title']);

/** The `required` lists of a constraint-only `anyOf`/`oneOf`, or undefined if it is not one. */
export function requiredBranches(branches: unknown): string[][] | undefined {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const lists: string[][] = [];
  for (const branch of branches) {
    if (!isObject(branch) || !Array.isArray(branch.required)) return undefined;
    if (!Object.keys(branch).every((k) => CONSTRAINT_KEYS.has(k))) return undefined;
    lists.push(branch.required as string[]);
  }
  return lists;
}

/** Removes constraint-only `anyOf`/`oneOf` from `doc` in place; returns how many. */
export function stripRequiredBranches(doc: JsonObject): number {
  let removed = 0;
  walk(doc, (value) => {
    if (!isObject(value)) return;
    for (const key of ['anyOf', 'oneOf'] as const) {
      if (requiredBranches(value[key])) {
        delete value[key];
        removed++;
      }
    }
  });
  return removed;
}

/** A `.refine(...)` suffix that checks constraint-only branches (`anyOf`: one, `oneOf`: exactly one). */
export function requiredRefinement(kind: 'anyOf' | 'oneOf', lists: string[][]): string {
  const sets = JSON.stringify(lists);
  const test = `${sets}.filter((keys) => keys.every((key) => Object.hasOwn(value, key))).length`;
  const wording = lists.map((l) => l.join(' + ')).join(kind === 'anyOf' ? ' or ' : ' xor ');
  return `.refine((value) => ${test} ${kind === 'anyOf' ? '>= 1' : '=== 1'}, { message: ${JSON.stringify(`expected ${wording}`)} })`;
}
