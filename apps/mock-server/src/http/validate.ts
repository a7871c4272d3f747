import type { z } from 'zod';
import { validationError } from './errors.js';

/** Which part of a request an issue is about. */
export type RequestPart = 'path' | 'query' | 'body';

/** One broken rule of a request: where (`interaction.networkItemId`) and what, in words. */
export interface ValidationIssue {
  /** The part of the request (absent for inputs of library calls). */
  in?: RequestPart;
  /** Dotted location inside the part (`inbox.ticketActions.[0].label`); `(root)` for the whole. */
  path: string;
  /** zod's issue code (`invalid_type`, `invalid_format`, ...), or `required` for a missing body. */
  code: string;
  message: string;
}

/** The subset of a zod issue the messages are made from. */
interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly values?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly errors?: readonly (readonly ZodIssueLike[])[];
  readonly input?: unknown;
}

/** `['inbox', 'ticketActions', 0, 'label']` → `inbox.ticketActions.[0].label`. */
export const pathText = (path: readonly PropertyKey[]) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key))).join('.') || '(root)';

const LOCALES = ['en', 'de', 'fr'];
const LABEL_TEXT =
  'a label is an object with en, de and fr texts, e.g. { "en": "Reply", "de": "Antworten", "fr": "Répondre" }';

/** Known patterns of the contracts, in words. */
const PATTERN_WORDS: Record<string, string> = {
  '^[a-f0-9]{24}$':
    'a 24-character lower-case hexadecimal id (an ObjectId), e.g. 5f0c0c0c0c0c0c0c0c0c0c0c',
  '^[a-fA-F0-9]{24}$': 'a 24-character hexadecimal id (an ObjectId), e.g. 5f0c0c0c0c0c0c0c0c0c0c0c',
};

const CLASS_WORDS: Array<[string, string]> = [
  ['a-z', 'lower-case letters'],
  ['A-Z', 'upper-case letters'],
  ['a-f', 'the letters a to f'],
  ['A-F', 'the letters A to F'],
  ['0-9', 'digits'],
];

/** A pattern in words: a character class with a length, or a neutral sentence; never the raw pattern. */
export function describePattern(pattern: string): string {
  const source = pattern.replace(/^\/(.*)\/[a-z]*$/, '$1');
  const known = PATTERN_WORDS[source];
  if (known) return `must be ${known}`;
  const match = /^\^\[(.+)\](\{(\d+)(?:,(\d*))?\}|\+|\*)\$$/.exec(source);
  if (!match) return 'does not have the expected format';
  let chars = match[1] ?? '';
  const parts: string[] = [];
  for (const [range, words] of CLASS_WORDS) {
    if (!chars.includes(range)) continue;
    parts.push(words);
    chars = chars.replace(range, '');
  }
  const rest = chars.replace(/\\(.)/g, '$1');
  if (rest) parts.push(`the characters ${[...rest].join(' ')}`);
  const [, , quantifier, min, max] = match;
  const length =
    quantifier === '+'
      ? 'one or more'
      : quantifier === '*'
        ? 'any number of'
        : max === undefined
          ? `exactly ${min}`
          : max === ''
            ? `at least ${min}`
            : `${min} to ${max}`;
  return `must be ${length} characters, each one of: ${parts.join(', ')}`;
}

/** One zod issue in words, with unions narrowed to the option that was meant. */
function explain(issue: ZodIssueLike, base: readonly PropertyKey[], out: ZodIssueLike[]) {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
    const atType = (list: readonly ZodIssueLike[]) =>
      list.find((i) => i.code === 'invalid_value' && i.path.length === 1 && i.path[0] === 'type');
    const meant = issue.errors.filter((list) => !atType(list));
    if (meant.length === 0 && issue.errors.every((list) => atType(list))) {
      const allowed = issue.errors.flatMap((list) => atType(list)?.values ?? []);
      out.push({
        code: 'invalid_value',
        path: [...path, 'type'],
        message: `type must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
      });
      return;
    }
    const candidates = meant.length > 0 ? meant : issue.errors;
    const best = [...candidates].sort((a, b) => a.length - b.length)[0] ?? [];
    for (const inner of best) explain(inner, path, out);
    return;
  }
  const last = path.at(-1);
  const parent = path.at(-2);
  if (last === 'label' && issue.code === 'invalid_type') {
    out.push({ ...issue, path, message: LABEL_TEXT });
    return;
  }
  if (parent === 'label' && typeof last === 'string' && LOCALES.includes(last)) {
    out.push({ ...issue, path, message: `${LABEL_TEXT}; "${last}" is missing or not a text` });
    return;
  }
  if (issue.code === 'invalid_format' && issue.format === 'regex' && issue.pattern) {
    out.push({ ...issue, path, message: describePattern(issue.pattern) });
    return;
  }
  if (issue.code === 'invalid_value' && issue.values) {
    out.push({
      ...issue,
      path,
      message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
    });
    return;
  }
  out.push({ ...issue, path, message: issue.message.replace(/^Invalid input: /, '') });
}

/** zod issues as the mock reports them: located, in words, unions narrowed. */
export function toIssues(issues: readonly ZodIssueLike[], part?: RequestPart): ValidationIssue[] {
  const explained: ZodIssueLike[] = [];
  for (const issue of issues) explain(issue, [], explained);
  return explained.map((issue) => ({
    ...(part === undefined ? {} : { in: part }),
    path: pathText(issue.path),
    code: issue.code,
    message: issue.message,
  }));
}

/** The 400 `ValidationError` for a list of issues: the first one in the message, all in `data`. */
export function issuesError(what: string, issues: ValidationIssue[]) {
  const first = issues[0];
  const where = first && [first.in, first.path === '(root)' ? '' : first.path].filter(Boolean);
  return validationError(
    `${what} is invalid${first ? `: ${where?.join('.') || '(root)'}: ${first.message}` : ''}`,
    issues,
  );
}

/** Parses `value` with a zod schema, or throws a 400 `ValidationError` listing the issues. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw issuesError(what, toIssues(result.error.issues as readonly ZodIssueLike[]));
}
