/**
 * Min+gzip size of every runtime entry of every published package, as a browser or edge bundle
 * gets it: esbuild bundles the entry's built file with its dependencies (zod left out: the budgets
 * are "without zod", and zod is shared with the app), minified, then gzip level 9. Prints bytes and
 * the ratio to the budget where the issue sets one. Not a test: nothing fails on a budget.
 *
 *   pnpm --filter @socialhub/bench size
 */
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { listPublishedPackages } from '../../scripts/consumer/workspace-packages.ts';

/** Budgets in bytes (1 kB = 1000 B) by entry (`package` + subpath), from the issue. */
const BUDGETS: Record<string, number> = {
  '@socialhub/client': 8_000,
  // "webhook-kit core": the sign/verify entry; the router and adapters add the event schemas.
  '@socialhub/webhook-kit/core': 4_000,
};

/** Left out of every bundle: zod (shared with the app, and outside the budgets). */
const EXTERNAL = ['zod', 'zod/*'];

interface Row {
  entry: string;
  /** The entry and the chunks it imports statically. */
  minified: number;
  gzipped: number;
  /** min+gzip of the chunks it loads only with `import()`. */
  lazy: number;
  budget?: number;
  /** The bundle still imports these (external or Node built-ins). */
  imports: string[];
  /** The largest inputs by bytes in the minified output. */
  largest: string[];
}

/**
 * What an app that imports only these names bundles (the packages are `sideEffects: false`, so
 * the rest is shaken out), beside each whole entry.
 */
const IMPORTS: Record<string, { names: string[]; budget?: boolean }[]> = {
  '@socialhub/client': [{ names: ['createPublicClient'] }, { names: ['createApi2Client'] }],
  '@socialhub/webhook-kit': [{ names: ['verifyDelivery'] }, { names: ['createWebhookHandler'] }],
};

function shortInput(path: string): string {
  const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  if (pkg) return pkg;
  return path.replace(/^.*?\/(packages|apps)\/[^/]+\//, '');
}

async function measure(entry: string, file: string, names?: string[]): Promise<Row> {
  const result = await build({
    ...(names
      ? {
          stdin: {
            contents: `export { ${names.join(', ')} } from ${JSON.stringify(file)};`,
            resolveDir: dirname(file),
          },
        }
      : { entryPoints: [file] }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: [...EXTERNAL, 'node:*'],
    // What the entry loads with `import()` becomes a chunk, counted apart as "lazy".
    splitting: true,
    outdir: '/size-bench',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const [entryPath] = Object.entries(outputs).find(([, o]) => o.entryPoint !== undefined) ?? [];
  // The entry and every chunk it imports statically load with it; the rest loads on demand.
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path) || !outputs[path]) return;
    initial.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  if (entryPath) visit(entryPath);
  // Chunks reachable through `import()` from there (esbuild may emit unreachable ones).
  const lazy = new Set<string>();
  const visitLazy = (path: string) => {
    if (lazy.has(path) || initial.has(path) || !outputs[path]) return;
    lazy.add(path);
    for (const i of outputs[path]?.imports ?? []) visitLazy(i.path);
  };
  for (const path of initial) {
    for (const i of outputs[path]?.imports ?? [])
      if (i.kind === 'dynamic-import') visitLazy(i.path);
  }
  const sizes = { minified: 0, gzipped: 0, lazy: 0 };
  const byInput = new Map<string, number>();
  const imports = new Set<string>();
  for (const out of result.outputFiles) {
    const path = Object.keys(outputs).find((p) => resolve(p) === out.path);
    if (!path || path.endsWith('.map')) continue;
    const gzipped = gzipSync(out.contents, { level: 9 }).byteLength;
    if (lazy.has(path)) sizes.lazy += gzipped;
    if (!initial.has(path)) continue;
    sizes.minified += out.contents.byteLength;
    sizes.gzipped += gzipped;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path]?.inputs ?? {})) {
      const key = shortInput(input);
      byInput.set(key, (byInput.get(key) ?? 0) + bytesInOutput);
    }
    for (const i of outputs[path]?.imports ?? []) if (i.external) imports.add(i.path);
  }
  return {
    entry,
    ...sizes,
    imports: [...imports].sort(),
    largest: [...byInput]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([name, bytes]) => `${name} ${(bytes / 1000).toFixed(1)}`),
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

const rows: Row[] = [];
for (const pkg of await listPublishedPackages()) {
  for (const [subpath, target] of Object.entries(pkg.manifest.exports ?? {})) {
    const file = typeof target === 'string' ? target : target.default;
    if (!file?.endsWith('.js')) continue;
    const entry = join(pkg.name, subpath);
    const row = await measure(entry, join(pkg.dir, file));
    const budget = BUDGETS[entry];
    rows.push(budget === undefined ? row : { ...row, budget });
    if (subpath !== '.') continue;
    for (const { names, budget: budgeted } of IMPORTS[pkg.name] ?? []) {
      const shaken = await measure(`  { ${names.join(', ')} }`, join(pkg.dir, file), names);
      rows.push(budgeted && budget !== undefined ? { ...shaken, budget } : shaken);
    }
  }
}

console.log('Runtime entries, esbuild --bundle --minify (browser, zod external), gzip -9\n');
const header = [
  'entry',
  'min',
  'min+gzip',
  'budget',
  'of budget',
  'still imports',
  'largest (kB min)',
];
const table = rows.map((r) => [
  r.entry,
  kb(r.minified),
  kb(r.gzipped),
  r.budget === undefined ? '' : kb(r.budget),
  r.budget === undefined ? '' : `${(r.gzipped / r.budget).toFixed(2)}x`,
  r.lazy ? kb(r.lazy) : '',
  r.imports.join(' ') || '-',
  r.largest.join(', '),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => (i >= 1 && i <= 5 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
    .join('  ');
console.log(line(header));
for (const row of table) console.log(line(row));
