import type { z } from 'zod';
import { validationError } from './errors.js';

/** One failed rule of a request: where (`interaction.networkItemId`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

const pathText = (path: readonly PropertyKey[]) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key))).join('.') || '(root)';

/** Parses `value` with a zod schema, or throws a 400 `ValidationError` listing the issues. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: pathText(issue.path),
    message: issue.message,
  }));
  const first = issues[0];
  throw validationError(
    `${what} is invalid${first ? `: ${first.path}: ${first.message}` : ''}`,
    issues,
  );
}
