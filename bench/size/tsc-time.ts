/**
 * What the API2 types cost a consumer's type-check: `tsc --noEmit` on a file that calls 20 API2
 * operations through `createApi2Client` (openapi-fetch's `createClient<paths>` when
 * @socialhub/client is not there), beside a file that only creates the client and an empty file,
 * same tsconfig (NodeNext, strict, skipLibCheck as most apps have it), interleaved runs, medians.
 * Prints wall time and tsc's own check time, and the ratios to the empty file.
 *
 *   pnpm --filter @socialhub/bench tsc-time        (RUNS=5 to change the effort)
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getAt } from '@socialhub/codegen/json-pointer';
import { api2Operations } from '@socialhub/schema/api2/operations';

const run = promisify(execFile);
const RUNS = Number(process.env.RUNS ?? 5);
const CALLS = 20;
const benchDir = fileURLToPath(new URL('..', import.meta.url));
const work = join(benchDir, '.tmp/tsc-time');
const require = createRequire(join(benchDir, 'package.json'));
const tsc = require.resolve('typescript/bin/tsc');
const hasClient = (() => {
  try {
    require.resolve('@socialhub/client');
    return true;
  } catch {
    return false;
  }
})();

type Schema = { $ref?: string; type?: string; enum?: unknown[] };
const document = JSON.parse(
  await readFile(require.resolve('@socialhub/schema/api2/openapi.json'), 'utf8'),
) as object;

function resolvePointer(pointer: string): Schema | undefined {
  const schema = getAt(document, pointer).value as Schema | undefined;
  return schema?.$ref ? resolvePointer(schema.$ref) : schema;
}

/** A literal of the parameter's type, or undefined when it is not a plain scalar. */
function sample(schema: Schema | undefined): string | undefined {
  if (!schema) return undefined;
  if (schema.enum?.length) return JSON.stringify(schema.enum[0]);
  if (schema.type === 'string') return "'5cc1afd1d62ec72e8388cb46'";
  if (schema.type === 'integer' || schema.type === 'number') return '1';
  if (schema.type === 'boolean') return 'true';
  return undefined;
}

/** One `GET` call per operation: required path and query parameters filled, nothing else. */
function callOf(
  path: string,
  parameters: (typeof api2Operations)[keyof typeof api2Operations]['parameters'],
) {
  const groups: Record<'path' | 'query', string[]> = { path: [], query: [] };
  for (const p of parameters) {
    if (!p.required || (p.in !== 'path' && p.in !== 'query')) continue;
    const value = sample(resolvePointer(p.schema.ref));
    if (value === undefined) return undefined;
    groups[p.in].push(`${JSON.stringify(p.name)}: ${value}`);
  }
  const params = (['path', 'query'] as const)
    .filter((g) => groups[g].length)
    .map((g) => `${g}: { ${groups[g].join(', ')} }`);
  return params.length
    ? `api2.GET(${JSON.stringify(path)}, { params: { ${params.join(', ')} } })`
    : `api2.GET(${JSON.stringify(path)})`;
}

// 20 GETs spread evenly over the table (every tag area, not the first 20 paths).
const candidates = Object.values(api2Operations)
  .filter((op) => op.method === 'get' && !op.requestBody)
  .map((op) => callOf(op.path, op.parameters))
  .filter((call): call is string => call !== undefined);
const calls = Array.from(
  { length: CALLS },
  (_, i) => candidates[Math.floor((i * candidates.length) / CALLS)] ?? '',
);

const setup = hasClient
  ? `import { createApi2Client } from '@socialhub/client';\n\nconst api2 = createApi2Client({ accessToken: 'token' });\n`
  : `import createClient from 'openapi-fetch';\nimport type { paths } from '@socialhub/schema/api2';\n\nconst api2 = createClient<paths>({ baseUrl: 'https://app.socialhub.io/api2' });\n`;

const files: Record<string, string> = {
  empty: 'export {};\n',
  'client only': `${setup}\nexport { api2 };\n`,
  [`${CALLS} calls`]: `${setup}\nexport async function calls() {\n${calls
    .map((call, i) => `  const r${i} = await ${call};\n`)
    .join('')}  return [${calls.map((_, i) => `r${i}.data`).join(', ')}] as const;\n}\n`,
};

await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });
const variants = Object.keys(files);
for (const [index, name] of variants.entries()) {
  await writeFile(join(work, `v${index}.ts`), files[name] ?? '');
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
      lib: ['ES2023', 'DOM'],
    },
    files: [`v${index}.ts`],
  };
  await writeFile(join(work, `tsconfig.v${index}.json`), JSON.stringify(tsconfig, null, 2));
  await writeFile(join(work, 'package.json'), '{ "type": "module", "private": true }\n');
}

interface Sample {
  wall: number;
  check: number;
  total: number;
}

async function once(index: number): Promise<Sample> {
  const started = performance.now();
  const { stdout } = await run(
    process.execPath,
    [tsc, '-p', `tsconfig.v${index}.json`, '--extendedDiagnostics'],
    { cwd: work },
  ).catch((error: { stdout?: string }) => {
    throw new Error(`tsc failed on ${variants[index]}:\n${error.stdout ?? error}`);
  });
  const wall = performance.now() - started;
  const seconds = (label: string) =>
    Number(new RegExp(`^${label}:\\s+([\\d.]+)s`, 'm').exec(stdout)?.[1] ?? Number.NaN) * 1000;
  return { wall, check: seconds('Check time'), total: seconds('Total time') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const samples: Sample[][] = variants.map(() => []);
await once(0); // warm the file cache
for (let round = 0; round < RUNS; round++) {
  // Rotate the order each round so no variant always runs first.
  for (let k = 0; k < variants.length; k++) {
    const index = (round + k) % variants.length;
    samples[index]?.push(await once(index));
  }
}

const base = {
  wall: median(samples[0]?.map((s) => s.wall) ?? []),
  total: median(samples[0]?.map((s) => s.total) ?? []),
};
console.log(
  `tsc --noEmit, TypeScript ${require('typescript/package.json').version}, ${RUNS} runs each, medians; ` +
    `client: ${hasClient ? '@socialhub/client createApi2Client' : 'openapi-fetch createClient<paths>'}\n`,
);
console.log('file                wall       ratio   tsc total   ratio   tsc check');
for (const [index, name] of variants.entries()) {
  const wall = median(samples[index]?.map((s) => s.wall) ?? []);
  const total = median(samples[index]?.map((s) => s.total) ?? []);
  const check = median(samples[index]?.map((s) => s.check) ?? []);
  console.log(
    `${name.padEnd(16)} ${`${wall.toFixed(0)} ms`.padStart(9)} ${`${(wall / base.wall).toFixed(2)}x`.padStart(9)} ${`${total.toFixed(0)} ms`.padStart(10)} ${`${(total / base.total).toFixed(2)}x`.padStart(7)} ${`${check.toFixed(0)} ms`.padStart(10)}`,
  );
}
const checkOf = (index: number) => median(samples[index]?.map((s) => s.check) ?? []);
console.log(
  `\nper call: ${((checkOf(2) - checkOf(1)) / CALLS).toFixed(0)} ms of check time (20 calls minus client only, / ${CALLS})`,
);
console.log(`\nthe ${CALLS} calls:\n${calls.map((c) => `  ${c}`).join('\n')}`);
