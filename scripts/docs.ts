/**
 * `pnpm run docs` (`pnpm docs` is pnpm's own command): the API reference of every published package, from its JSDoc, into docs/api/.
 *
 * Each package is converted on its own, with one entry point per subpath of its `exports` map
 * (the source file behind the subpath's `types`, found through the declaration map or the build
 * tsconfig's rootDir/outDir), each module named by its import specifier; the per-package models
 * are then merged into one site. Shared TypeDoc options live in typedoc.json. Exits non-zero when
 * TypeDoc reports an error; warnings are printed.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  Application,
  OptionDefaults,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc';
import ts from 'typescript';
import {
  listPublishedPackages,
  type PublishedPackage,
  ROOT,
} from './consumer/workspace-packages.ts';

const OUT = join(ROOT, 'docs/api');
const WORK = join(ROOT, '.tmp/docs');
const BUILD_TSCONFIG = 'tsconfig.build.json';

/** One documented subpath: its import specifier and the source file that declares it. */
interface EntryPoint {
  specifier: string;
  source: string;
}

/** The deepest folder that holds every file. */
function commonDirectory(files: readonly string[]): string {
  const split = files.map((f) => dirname(f).split(sep));
  const first = split[0] ?? [];
  let depth = 0;
  while (depth < first.length && split.every((parts) => parts[depth] === first[depth])) depth++;
  return first.slice(0, depth).join(sep);
}

/** The name TypeDoc gives the module of `file` under `base`. */
function moduleName(base: string, file: string): string {
  return relative(base, file)
    .split(sep)
    .join('/')
    .replace(/(\/index)?(\.d)?\.([cm][tj]s|[tj]sx?)$/, '');
}

/** Reads a tsconfig (with comments and `extends`) and returns its resolved rootDir and outDir. */
function buildDirs(pkg: PublishedPackage): { rootDir?: string; outDir?: string } {
  const file = join(pkg.dir, BUILD_TSCONFIG);
  if (!existsSync(file)) return {};
  const config = ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => {},
    },
  );
  return { rootDir: config?.options.rootDir, outDir: config?.options.outDir };
}

/** The source file behind a declaration file: its declaration map, else rootDir/outDir. */
async function sourceOf(pkg: PublishedPackage, declaration: string): Promise<string | undefined> {
  const map = `${declaration}.map`;
  if (existsSync(map)) {
    const { sources } = JSON.parse(await readFile(map, 'utf8')) as { sources: string[] };
    const source = sources[0] && resolve(dirname(map), sources[0]);
    if (source && existsSync(source)) return source;
  }
  const { rootDir, outDir } = buildDirs(pkg);
  if (!rootDir || !outDir) return undefined;
  const source = join(rootDir, relative(outDir, declaration)).replace(/\.d\.ts$/, '.ts');
  return existsSync(source) ? source : undefined;
}

/** Every subpath of the package's `exports` that has `types`, with its source file. */
async function entryPointsOf(pkg: PublishedPackage): Promise<EntryPoint[]> {
  const entries: EntryPoint[] = [];
  for (const [subpath, target] of Object.entries(pkg.manifest.exports ?? {})) {
    if (typeof target !== 'object' || !target.types) continue;
    const declaration = join(pkg.dir, target.types);
    const source = await sourceOf(pkg, declaration);
    if (!source) throw new Error(`docs: no source file found for ${pkg.name} ${subpath}`);
    entries.push({ specifier: join(pkg.name, subpath), source });
  }
  return entries;
}

/** Tags openapi-typescript writes into the generated types, on top of TypeDoc's own. */
const GENERATED_BLOCK_TAGS = ['@description', '@constant'] as const;

async function bootstrap(options: Parameters<typeof Application.bootstrapWithPlugins>[0]) {
  return Application.bootstrapWithPlugins(
    {
      options: join(ROOT, 'typedoc.json'),
      blockTags: [...OptionDefaults.blockTags, ...GENERATED_BLOCK_TAGS],
      ...options,
    },
    [new TypeDocReader(), new TSConfigReader()],
  );
}

/** Converts one package to TypeDoc's JSON model; returns the JSON file, or undefined on errors. */
async function convertPackage(pkg: PublishedPackage): Promise<string | undefined> {
  const entries = await entryPointsOf(pkg);
  const base = commonDirectory(entries.map((e) => e.source));
  const app = await bootstrap({
    displayBasePath: base,
    name: pkg.name,
    entryPoints: entries.map((e) => e.source),
    entryPointStrategy: 'resolve',
    tsconfig: join(
      pkg.dir,
      existsSync(join(pkg.dir, BUILD_TSCONFIG)) ? BUILD_TSCONFIG : 'tsconfig.json',
    ),
    readme: existsSync(join(pkg.dir, 'README.md')) ? join(pkg.dir, 'README.md') : 'none',
  });
  const project = await app.convert();
  if (!project || app.logger.hasErrors()) return undefined;
  // Validation needs the TypeScript symbols, which the merged model no longer has.
  app.validate(project);
  // Name each module after the import that reaches it, not after its path under src/. TypeDoc
  // names a module by its path relative to displayBasePath, less `/index` and the extension.
  const modules = project.getChildrenByKind(ReflectionKind.Module);
  for (const module of modules) {
    const entry = entries.find((e) => moduleName(base, e.source) === module.name);
    if (!entry) throw new Error(`docs: ${pkg.name}: no export for TypeDoc module "${module.name}"`);
    module.name = entry.specifier;
  }
  if (modules.length === 0) project.name = entries[0]?.specifier ?? pkg.name;
  const json = join(WORK, `${pkg.name.replace(/[@/]/g, '_')}.json`);
  await app.generateJson(project, json);
  return json;
}

async function main(): Promise<number> {
  await rm(WORK, { recursive: true, force: true });
  await mkdir(WORK, { recursive: true });
  const packages = await listPublishedPackages();
  const models: string[] = [];
  for (const pkg of packages) {
    console.log(`docs: converting ${pkg.name}`);
    const json = await convertPackage(pkg);
    if (!json) return 1;
    models.push(json);
  }
  const app = await bootstrap({ entryPoints: models, entryPointStrategy: 'merge' });
  const project = await app.convert();
  if (!project) return 1;
  await app.generateDocs(project, OUT);
  if (app.logger.hasErrors()) return 1;
  console.log(`docs: ${packages.length} packages → ${relative(ROOT, OUT)}/index.html`);
  return 0;
}

process.exitCode = await main();
