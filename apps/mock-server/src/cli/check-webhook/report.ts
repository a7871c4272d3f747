import type { Answer } from './grade.js';
import type { WebhookCheckReport } from './run-checks.js';

const answerText = (answer: Answer) =>
  answer.status === undefined
    ? `no answer (${answer.error ?? 'error'})`
    : `${answer.status}${answer.challenge === 'right' ? ' + challenge' : ''} in ${Math.round(answer.ms)} ms`;

/** The report as text lines for a terminal. */
export function formatReport(report: WebhookCheckReport): string[] {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const lines = [`check-webhook ${report.url}: ${report.checks.length} checks`, ''];
  for (const check of report.checks) {
    lines.push(
      `${check.passed ? 'PASS' : 'FAIL'}  ${check.id.padEnd(width)}  ${check.answers.map(answerText).join(', ')}`,
    );
    if (check.finding) {
      lines.push(`      ${check.title}`);
      lines.push(`      problem: ${check.finding.problem}`);
      lines.push(`      ${check.finding.socialhub}`);
    }
  }
  lines.push('');
  lines.push(
    report.passed
      ? `All ${report.checks.length} checks passed; slowest answer to a genuine delivery: ${report.slowestMs} ms.`
      : `${report.failedCount} of ${report.checks.length} checks failed; slowest answer to a genuine delivery: ${report.slowestMs} ms.`,
  );
  return lines;
}
