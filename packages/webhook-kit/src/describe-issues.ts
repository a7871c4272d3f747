/**
 * `path: message` for each issue of a zod error (or anything with `issues`), joined with `; `.
 * Messages only: zod's never quote the value, so no payload data reaches logs through them.
 */
export function describeIssues(error: unknown, max = 5): string {
  const issues = (error as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return '';
  const parts = issues.slice(0, max).map((issue: { path?: unknown; message?: unknown }) => {
    const path = Array.isArray(issue.path)
      ? issue.path
          .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
          .join('')
      : '';
    return `${path || '(root)'}: ${String(issue.message)}`;
  });
  return issues.length > max
    ? `${parts.join('; ')}; and ${issues.length - max} more`
    : parts.join('; ');
}
