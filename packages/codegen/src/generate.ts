#!/usr/bin/env tsx
/**
 * `pnpm generate` (the `socialhub-codegen` command, run by packages/schema's `generate`
 * script): regenerates packages/schema/src/generated/ from specs/.
 * `--check`: regenerates in memory and fails, listing every file that differs from disk, is
 * missing, or is on disk but no longer generated. Exits non-zero on any failure.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PATHS, ROOT, runPipeline } from './pipeline.ts';

const GENERATED = /\.gen\.(ts|json)$/;

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const start = performance.now();
  const { files, report } = await runPipeline();
  const outDir = join(ROOT, PATHS.outDir);
  const onDisk = (await readdir(outDir).catch(() => [] as string[])).filter((f) =>
    GENERATED.test(f),
  );
  const produced = new Set(files.map((f) => f.path.slice(PATHS.outDir.length + 1)));
  const extra = onDisk.filter((f) => !produced.has(f));
  const changed: string[] = [];
  for (const file of files) {
    if ((await readOrNull(join(ROOT, file.path))) !== file.content) changed.push(file.path);
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  for (const warning of report.warnings) console.warn(`generate: warning: ${warning}`);

  if (check) {
    if (changed.length || extra.length) {
      console.error('generate --check: generated files are out of date; run `pnpm generate`:');
      for (const path of changed) console.error(`  differs or missing: ${path}`);
      for (const name of extra) console.error(`  no longer generated: ${PATHS.outDir}/${name}`);
      return 1;
    }
    console.log(`generate --check: ${files.length} files up to date (${seconds} s)`);
    return 0;
  }

  await mkdir(outDir, { recursive: true });
  for (const file of files) {
    if (changed.includes(file.path)) await writeFile(join(ROOT, file.path), file.content);
  }
  for (const name of extra) await rm(join(outDir, name));
  const totalMs = Math.round(performance.now() - start);
  const reportPath = join(ROOT, PATHS.report);
  await mkdir(dirname(reportPath), { recursive: true });
  await writeFile(
    reportPath,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), totalMs, ...report, files: files.map((f) => ({ path: f.path, bytes: Buffer.byteLength(f.content) })) }, null, 2)}\n`,
  );
  for (const [step, ms] of Object.entries(report.timings))
    console.log(`  ${step.padEnd(34)} ${String(ms).padStart(6)} ms`);
  console.log(
    `generate: ${files.length} files (${changed.length} changed, ${extra.length} removed) in ${seconds} s`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
