/**
 * The one package-shape check for every published package: publint (strict, every suggestion),
 * arethetypeswrong (ESM-only profile), the house package.json shape, no relative link in the
 * README and source maps whose sources ship (or are inlined), all run on the packed tarball,
 * which is exactly what npm will serve.
 *
 * As a command, `tsx scripts/consumer/check-package.ts [packageDir...]` packs each package (the
 * current folder by default), checks it and exits non-zero on any problem.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { problemKindInfo } from '@arethetypeswrong/core/problems';
import type { Problem, ResolutionKind } from '@arethetypeswrong/core/types';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { ENGINES_NODE } from './node-versions.ts';
import { packPackage } from './pack.ts';
import { readmeLinkProblems, sourceMapProblems } from './published-files.ts';
import type { PackageManifest } from './workspace-packages.ts';

/**
 * Resolutions the packages do not support: they are ESM only, so CommonJS `require` (Node 16+)
 * and the pre-exports `node10` resolution are out of scope, as in attw's `esm-only` profile.
 */
const IGNORED_RESOLUTIONS: readonly ResolutionKind[] = ['node10', 'node16-cjs'];

const DEPENDENCY_FIELDS = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
] as const satisfies readonly (keyof PackageManifest)[];

/** What one check found; `problems` is empty for a package that is ready to publish. */
export interface PackageCheckResult {
  name: string;
  problems: string[];
}

/** publint in strict mode at the `suggestion` level: every message is a problem. */
async function runPublint(tarball: Uint8Array): Promise<string[]> {
  const copy = new Uint8Array(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: copy.buffer },
    level: 'suggestion',
    strict: true,
  });
  return messages.map(
    (m) =>
      `publint: ${formatMessage(m, pkg, { color: false }) ?? `${m.code} at ${m.path.join('.')}`}`,
  );
}

function describeProblem(problem: Problem): string {
  const title = problemKindInfo[problem.kind].title;
  const where =
    'entrypoint' in problem
      ? `${problem.entrypoint} (${problem.resolutionKind})`
      : 'fileName' in problem
        ? problem.fileName
        : `${problem.typesFileName} / ${problem.implementationFileName}`;
  return `attw: ${title}: ${where}`;
}

/** arethetypeswrong on every entry point, ignoring the CommonJS-only resolutions. */
async function runAttw(tarball: Uint8Array): Promise<string[]> {
  const result = await checkPackage(createPackageFromTarballData(tarball));
  if (!result.types) return ['attw: the package ships no types'];
  return result.problems
    .filter((p) => !('resolutionKind' in p) || !IGNORED_RESOLUTIONS.includes(p.resolutionKind))
    .map(describeProblem);
}

/** The house shape (STYLE.md §3) that publint does not enforce. */
export function checkManifestShape(manifest: PackageManifest): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, message: string) => {
    if (!ok) problems.push(`shape: ${message}`);
  };
  expect(manifest.type === 'module', '"type" must be "module"');
  expect(manifest.sideEffects === false, '"sideEffects" must be false');
  expect(JSON.stringify(manifest.files) === JSON.stringify(['dist']), '"files" must be ["dist"]');
  expect(
    manifest.engines?.node === ENGINES_NODE,
    `"engines.node" must be "${ENGINES_NODE}" (the maintained Node lines the consumer test runs), not ${JSON.stringify(manifest.engines?.node)}`,
  );
  expect(
    manifest.publishConfig?.access === 'public' && manifest.publishConfig.provenance === true,
    '"publishConfig" must be { access: "public", provenance: true }',
  );
  const exports = manifest.exports;
  if (!exports || typeof exports !== 'object') {
    problems.push('shape: "exports" must be a map of subpaths');
    return problems;
  }
  expect(exports['./package.json'] === './package.json', '"./package.json" must be exported');
  for (const [subpath, target] of Object.entries(exports)) {
    expect(!subpath.includes('*'), `${subpath}: list every subpath, no "*" patterns`);
    if (typeof target === 'object') {
      expect(Object.keys(target)[0] === 'types', `${subpath}: "types" must come first`);
      expect('default' in target, `${subpath}: needs a "default" condition`);
    }
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      expect(!range.startsWith('workspace:'), `${field}.${dep} is still "${range}" in the tarball`);
    }
  }
  return problems;
}

/**
 * Checks one packed tarball: publint, attw, the house shape of its package.json, the README's
 * links and the source maps.
 */
export async function checkTarball(tarball: Uint8Array): Promise<PackageCheckResult> {
  const pkg = createPackageFromTarballData(tarball);
  const root = `/node_modules/${pkg.packageName}`;
  const manifest = JSON.parse(pkg.readFile(`${root}/package.json`));
  const readme = pkg
    .listFiles(root)
    .find((file) => /^readme(\.md)?$/i.test(file.slice(root.length + 1)));
  const [publintProblems, attwProblems] = await Promise.all([
    runPublint(tarball),
    runAttw(tarball),
  ]);
  return {
    name: pkg.packageName,
    problems: [
      ...checkManifestShape(manifest),
      ...(readme ? readmeLinkProblems(pkg.readFile(readme)) : []),
      ...sourceMapProblems(
        {
          listFiles: () => pkg.listFiles(root),
          readFile: (file) => pkg.readFile(file),
          fileExists: (file) => pkg.fileExists(file),
        },
        root,
      ),
      ...publintProblems,
      ...attwProblems,
    ],
  };
}

/** Packs the package in `dir` into a temporary folder and checks the tarball. */
export async function checkPackageDir(dir: string): Promise<PackageCheckResult> {
  const dest = await mkdtemp(join(tmpdir(), 'socialhub-check-'));
  try {
    const tarball = await packPackage(dir, dest);
    return await checkTarball(await readFile(tarball));
  } finally {
    await rm(dest, { recursive: true, force: true });
  }
}

async function main(dirs: string[]): Promise<number> {
  let failed = 0;
  for (const dir of dirs.length ? dirs : [process.cwd()]) {
    const { name, problems } = await checkPackageDir(resolve(dir));
    if (problems.length === 0) {
      console.log(`${name}: publint, attw, package shape, README links and source maps are clean`);
      continue;
    }
    failed++;
    console.error(`${name}: ${problems.length} problem(s)`);
    for (const problem of problems) console.error(`  - ${problem}`);
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
