/**
 * A fresh npm project outside the workspace that installs the packed tarballs from disk and
 * their dependencies from the registry, as a user of the published packages would.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The TypeScript lines the quick starts are type-checked under: 5.9, and 7 (the native compiler,
 * published as `typescript` 7), installed side by side under the alias `typescript7`.
 */
export const COMPILERS = [
  { name: 'TypeScript 5.9', dir: 'typescript', spec: 'typescript@~5.9.0' },
  { name: 'TypeScript 7', dir: 'typescript7', spec: 'typescript7@npm:typescript@^7.0.2' },
] as const;
/** One of `COMPILERS`. */
export type Compiler = (typeof COMPILERS)[number];

/** What the project installs from the registry beside the tarballs: the compilers and the
 * declarations of the lowest supported Node line. */
export const TOOLCHAIN = [...COMPILERS.map((c) => c.spec), '@types/node@~22.13.0'] as const;

/** The module resolutions the quick starts are type-checked under. */
export const RESOLUTIONS = ['node16', 'bundler'] as const;
/** One of `RESOLUTIONS`. */
export type Resolution = (typeof RESOLUTIONS)[number];

const common = {
  target: 'ES2022',
  strict: true,
  // Check the published declarations too, not only the consumer's file.
  skipLibCheck: false,
  types: ['node'],
  rootDir: 'src',
};

/**
 * `node16`: a Node application, compiled to out/ and run (no DOM library).
 * `bundler`: an application for a bundler, checked only.
 */
const TSCONFIGS: Record<Resolution, object> = {
  node16: {
    compilerOptions: {
      ...common,
      module: 'node16',
      moduleResolution: 'node16',
      lib: ['ES2023'],
      outDir: 'out',
    },
    include: ['src'],
  },
  bundler: {
    compilerOptions: {
      ...common,
      module: 'preserve',
      moduleResolution: 'bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      noEmit: true,
    },
    include: ['src'],
  },
};

/** Where a smoke program of a package lives in the project: `src/<name without scope>.ts`. */
export function smokeFile(packageName: string): string {
  return `src/${packageName.replace(/^@[^/]+\//, '')}.ts`;
}

/** Makes the project folder under the OS temp folder: `npm init -y`, ESM, both tsconfigs. */
export async function createConsumerProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'socialhub-consumer-'));
  await run('npm', ['init', '-y'], { cwd: dir });
  await run('npm', ['pkg', 'set', 'type=module'], { cwd: dir });
  await run('npm', ['pkg', 'set', 'private=true', '--json'], { cwd: dir });
  await mkdir(join(dir, 'src'));
  for (const resolution of RESOLUTIONS) {
    await writeFile(
      join(dir, `tsconfig.${resolution}.json`),
      `${JSON.stringify(TSCONFIGS[resolution], null, 2)}\n`,
    );
  }
  return dir;
}

/** `npm install` of the tarballs (from disk) and the toolchain (from the registry). */
export async function installTarballs(dir: string, tarballs: readonly string[]): Promise<void> {
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...TOOLCHAIN],
    { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
  );
}

/** One tsc diagnostic: the file it is in (relative to the project) and its text. */
export interface Diagnostic {
  file: string;
  text: string;
}

/** The version a compiler of the project reports, e.g. `5.9.3`. */
export async function compilerVersion(dir: string, compiler: Compiler): Promise<string> {
  const manifest = await readFile(join(dir, 'node_modules', compiler.dir, 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

/**
 * Runs one of the project's compilers with one of the tsconfigs; returns every diagnostic.
 * Only TypeScript 5.9 emits (the node16 build the quick starts run from).
 */
export async function typeCheck(
  dir: string,
  resolution: Resolution,
  compiler: Compiler = COMPILERS[0],
): Promise<Diagnostic[]> {
  const tsc = join(dir, 'node_modules', compiler.dir, 'bin', 'tsc');
  const emit = compiler === COMPILERS[0] ? [] : ['--noEmit'];
  const result = await run(
    process.execPath,
    [tsc, '-p', `tsconfig.${resolution}.json`, '--pretty', 'false', ...emit],
    { cwd: dir, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
    if (!error.stdout) throw error;
    return { stdout: error.stdout };
  });
  const diagnostics: Diagnostic[] = [];
  for (const line of result.stdout.split('\n')) {
    if (!line.trim()) continue;
    const match = /^(.+?)\(\d+,\d+\): /.exec(line);
    if (match?.[1]) diagnostics.push({ file: match[1], text: line });
    else if (diagnostics.length && line.startsWith(' ')) {
      const last = diagnostics.at(-1);
      if (last) last.text += `\n${line}`;
    } else diagnostics.push({ file: '', text: line });
  }
  return diagnostics;
}
