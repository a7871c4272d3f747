/**
 * `pnpm run main` calls this after `pnpm generate`: prints what the generation pipeline produced,
 * from its last report and the files on disk. Exits non-zero when there is nothing to report.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PATHS, type PipelineReport, ROOT } from '@socialhub/codegen/pipeline';

interface Report extends PipelineReport {
  generatedAt: string;
  totalMs: number;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<number> {
  let report: Report;
  try {
    report = JSON.parse(await readFile(join(ROOT, PATHS.report), 'utf8')) as Report;
  } catch {
    console.error(`summary: no ${PATHS.report}; run \`pnpm generate\` first`);
    return 1;
  }
  const { api2 } = report;
  const lines: string[] = ['SocialHub schema generation'];
  lines.push(
    `  API2 (${api2.source}, v${api2.version}): ${api2.paths} paths, ${api2.operations} operations, ${api2.schemas} definitions`,
    `    ${api2.corrections.length} corrections applied (${PATHS.api2Corrections}), ${api2.derivedOperationIds} operationIds derived:`,
  );
  for (const c of api2.corrections) {
    const moved = c.moved.length ? `, ${c.moved.length} found away from their listed pointer` : '';
    const state = c.skipped ? 'skipped' : `${String(c.appliedAt.length).padStart(3)} place(s)`;
    lines.push(
      `      ${c.id.padEnd(36)} ${state}${moved}${c.interim ? ' (interim: restoration)' : ''}`,
    );
  }
  if (report.public) {
    const p = report.public;
    lines.push(
      `  Public (${p.source}, v${p.version}): ${p.paths} paths, ${p.operations} operations, ${p.schemas} schemas, ${p.webhooks} webhooks`,
      `    webhook event types: ${p.events.join(', ')}`,
    );
  } else {
    lines.push(`  Public: not generated (${PATHS.publicSpec} missing)`);
  }
  const dir = join(ROOT, PATHS.outDir);
  const names = (await readdir(dir)).filter((n) => /\.gen\.(ts|json)$/.test(n)).sort();
  let total = 0;
  lines.push(`  ${names.length} generated files in ${PATHS.outDir}:`);
  for (const name of names) {
    const { size } = await stat(join(dir, name));
    total += size;
    lines.push(`    ${name.padEnd(30)} ${kib(size).padStart(12)}`);
  }
  lines.push(`    ${'total'.padEnd(30)} ${kib(total).padStart(12)}`);
  lines.push(
    `  generation took ${(report.totalMs / 1000).toFixed(2)} s (run of ${report.generatedAt}); slowest steps:`,
  );
  const steps = Object.entries(report.timings)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  for (const [step, ms] of steps) lines.push(`    ${step.padEnd(34)} ${String(ms).padStart(6)} ms`);
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  console.log(lines.join('\n'));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`summary: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
