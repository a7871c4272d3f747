/**
 * The consumer test (`pnpm consumer`): builds and packs every published package, checks each
 * tarball (publint, arethetypeswrong, package shape, README links, source maps), installs the
 * tarballs with npm into a fresh project under the OS temp folder, type-checks each README quick
 * start verbatim under TypeScript 5.9 and 7 with `node16` and `bundler` resolution, runs it on
 * every supported Node line (22, 24, 26), against the packed mock SocialHub when one is
 * published, and runs webhook-kit's fetch handler and `./core` on Bun, Deno and workerd. Prints
 * every step it ran, where each package ran, and exits non-zero when any failed.
 *
 * Options: `--only <name>` (repeatable) limits the packages; `--keep` keeps the temp folders;
 * `--verbose` prints the output of passing programs too.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { checkPackageDir, checkTarball } from './check-package.ts';
import {
  COMPILERS,
  compilerVersion,
  createConsumerProject,
  type Diagnostic,
  installTarballs,
  RESOLUTIONS,
  smokeFile,
  typeCheck,
} from './consumer-project.ts';
import { MOCK_BIN, startMock } from './mock-server.ts';
import { findNode, NODE_LINES, type NodeBinary } from './node-versions.ts';
import { packPackage } from './pack.ts';
import { portPreferring } from './ports.ts';
import { probes } from './probes.ts';
import { mask, type Started, settle, start, stopAll } from './processes.ts';
import { extractQuickStart } from './quick-start.ts';
import { checkReleasePlan } from './release-plan.ts';
import { installRuntimes, RUNTIMES, runOnRuntime } from './runtimes.ts';
import { checkStackTrace } from './stack-trace.ts';
import { startReceiver, WEBHOOK_KIT } from './webhook-receiver.ts';
import { listPublishedPackages, type PublishedPackage, ROOT } from './workspace-packages.ts';

const run = promisify(execFile);

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

/** A server quick start listens on `PORT`; the README default 3000 is offered when it is free. */
const DEFAULT_PORT = 3000;
const SETTLE_MS = 60_000;

interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
}

const results: StepResult[] = [];
const secrets: string[] = [];
/** Where each package was checked or ran, for the closing summary: package → platforms. */
const ranOn = new Map<string, string[]>();

function record(pkg: string, platform: string): void {
  ranOn.set(pkg, [...(ranOn.get(pkg) ?? []), platform]);
}

/** Settles to the error, so a failure before it is awaited is not an unhandled rejection. */
function settled(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function indent(text: string): string {
  return mask(text, secrets)
    .trimEnd()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

/** Runs one step, prints ✓ or ✗ with its time and, on failure, why. Returns the step's value. */
async function step<T>(name: string, body: () => Promise<T>): Promise<T | undefined> {
  const started = performance.now();
  try {
    const value = await body();
    const ms = performance.now() - started;
    results.push({ name, ok: true, ms });
    console.log(`  ✓ ${name} (${(ms / 1000).toFixed(1)} s)`);
    return value;
  } catch (error) {
    const ms = performance.now() - started;
    results.push({ name, ok: false, ms });
    console.log(`  ✗ ${name} (${(ms / 1000).toFixed(1)} s)`);
    console.log(indent(error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** The README's first ```ts block, which must come before the README's first `## ` heading. */
async function quickStartOf(pkg: PublishedPackage): Promise<string> {
  const file = join(pkg.dir, 'README.md');
  if (!existsSync(file)) fail(`${pkg.relDir}/README.md does not exist`);
  const readme = await readFile(file, 'utf8');
  const code = extractQuickStart(readme);
  if (code === undefined) fail(`${pkg.relDir}/README.md has no \`\`\`ts block`);
  const firstHeading = readme.search(/^## /m);
  if (firstHeading !== -1 && readme.indexOf('```ts') > firstHeading) {
    fail(`${pkg.relDir}/README.md: the first \`\`\`ts block comes after the first "## " heading`);
  }
  return code;
}

/** Where a diagnostic belongs: the package whose smoke file or installed files it is in. */
function ownerOf(
  diagnostic: Diagnostic,
  packages: readonly PublishedPackage[],
): string | undefined {
  return packages.find(
    (pkg) =>
      diagnostic.file === smokeFile(pkg.name) ||
      diagnostic.file.includes(`node_modules/${pkg.name}/`),
  )?.name;
}

/** Runs one compiled quick start; a server gets its probe (if any), then is stopped. */
async function runQuickStart(
  pkg: PublishedPackage,
  project: string,
  node: NodeBinary,
  services: Record<string, string>,
): Promise<string> {
  const script = join(
    project,
    smokeFile(pkg.name)
      .replace(/^src\//, 'out/')
      .replace(/\.ts$/, '.js'),
  );
  if (!existsSync(script)) fail(`tsc emitted no ${script}`);
  const port = await portPreferring(DEFAULT_PORT);
  const env: Record<string, string> = {
    ...services,
    PORT: String(port),
    PATH: `${dirname(node.path)}:${process.env.PATH ?? ''}`,
  };
  const program = start(node.path, [script], { cwd: project, env });
  try {
    const settled = await settle(program, port, SETTLE_MS);
    if (settled.kind === 'timeout') {
      fail(
        `neither exited nor listened on PORT=${port} within ${SETTLE_MS / 1000} s:\n${program.output()}`,
      );
    }
    if (settled.kind === 'exited') {
      if (settled.code !== 0) fail(`exited with ${settled.code}:\n${program.output()}`);
      return `exited 0\n${program.output()}`;
    }
    const probe = probes[pkg.name];
    if (probe === undefined) return `listening on ${port} (no probe)\n${program.output()}`;
    const probeFile = join(project, `probe-${smokeFile(pkg.name).slice(4, -3)}.mjs`);
    await writeFile(probeFile, probe);
    const { stdout } = await run(node.path, [probeFile], {
      cwd: project,
      env: { ...process.env, ...env },
    }).catch((error: { stdout?: string; stderr?: string }) =>
      fail(
        `the probe failed:\n${error.stdout ?? ''}${error.stderr ?? ''}\nserver:\n${program.output()}`,
      ),
    );
    if (program.hasExited()) fail(`the server stopped during the probe:\n${program.output()}`);
    return `listening on ${port}; ${stdout}${program.output()}`;
  } finally {
    await program.stop();
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const all = await listPublishedPackages();
  const packages = flags.only?.length ? all.filter((p) => flags.only?.includes(p.name)) : all;
  if (packages.length === 0) fail('consumer: no published package found');
  console.log(`consumer: published packages: ${packages.map((p) => p.name).join(', ')}`);

  const temp = await mkdtemp(join(tmpdir(), 'socialhub-tarballs-'));
  let project: string | undefined;
  // Interrupted: stop the servers and remove the temp folders before going.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void stopAll().finally(() => {
        if (!flags.keep)
          for (const dir of [temp, project]) if (dir) rmSync(dir, { recursive: true, force: true });
        process.exit(1);
      });
    });
  }
  const background: Started[] = [];
  const hasWebhookKit = all.some((p) => p.name === WEBHOOK_KIT);
  const runtimesWanted = packages.some((p) => p.name === WEBHOOK_KIT);
  // The runtimes download beside the build (cached in .tools/runtimes/ after the first run).
  const runtimesInstalled = runtimesWanted ? settled(installRuntimes()) : undefined;
  // The Node lines too (the pinned toolchain or .tools/node<major>/).
  const nodes = NODE_LINES.map(({ major }) => findNode(major));
  // Awaited later, in its step; a failure before then is not an unhandled rejection.
  for (const node of nodes) node.catch(() => {});
  try {
    console.log('build, pack and check');
    // Every published package is built, packed and installed (they depend on each other);
    // --only limits the checks and the quick starts.
    const filters = all.map((p) => `--filter=${p.name}`);
    const built = await step('turbo run build', () =>
      run('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
    if (!built) return 1;

    const tarballs = new Map<string, string>();
    for (const pkg of all) {
      const tarball = await step(`${pkg.name}: pnpm pack`, () => packPackage(pkg.dir, temp));
      if (tarball) tarballs.set(pkg.name, tarball);
    }

    project = await createConsumerProject();
    const projectDir = project;
    const install = settled(installTarballs(projectDir, [...tarballs.values()]));
    // The check runs beside the install; a broken fixture shows it can fail.
    await step('package check flags a broken package (self-test)', async () => {
      const { problems } = await checkPackageDir(
        join(ROOT, 'scripts/consumer/fixtures/broken-package'),
      );
      for (const source of ['shape:', 'publint:', 'attw:', 'readme:', 'sourcemap:']) {
        if (!problems.some((p) => p.startsWith(source))) {
          fail(`no ${source} problem reported; got:\n${problems.join('\n')}`);
        }
      }
    });
    for (const { name } of packages) {
      const tarball = tarballs.get(name);
      if (!tarball) continue;
      await step(`${name}: publint + attw + package shape`, async () => {
        const { problems } = await checkTarball(await readFile(tarball));
        if (problems.length) fail(problems.join('\n'));
      });
    }
    const plan = await step('changeset status: one version for every published package', () =>
      checkReleasePlan(all),
    );
    if (plan) console.log(`      ${plan}`);

    console.log(`install into a fresh project (${tmpdir()})`);
    const installed = await step(
      `npm install ${tarballs.size} tarballs + TypeScript 5.9 and 7 in ${projectDir}`,
      async () => {
        const error = await install;
        if (error) throw error;
        return true;
      },
    );
    if (!installed) return 1;

    if (runtimesWanted) {
      const frame = await step(
        `${WEBHOOK_KIT}: a stack trace names real src/*.ts lines (--enable-source-maps)`,
        () => checkStackTrace(projectDir, process.execPath),
      );
      if (frame) console.log(`      ${frame}`);
    }

    const quickStarts = new Map<string, string>();
    for (const pkg of packages) {
      const code = await step(`${pkg.name}: README starts with a \`\`\`ts quick start`, () =>
        quickStartOf(pkg),
      );
      if (code === undefined) continue;
      quickStarts.set(pkg.name, code);
      await writeFile(join(project, smokeFile(pkg.name)), code);
    }

    console.log('type-check the quick starts verbatim');
    const versions = await Promise.all(COMPILERS.map((c) => compilerVersion(projectDir, c)));
    const jobs = COMPILERS.flatMap((compiler, c) =>
      RESOLUTIONS.map((resolution) => ({ compiler, version: versions[c], resolution })),
    );
    // All four side by side: TypeScript 7 is native and quick, the 5.9 runs take the time.
    const checked = await Promise.all(
      jobs.map(({ compiler, version, resolution }) =>
        step(`${compiler.name} (${version}): tsc -p tsconfig.${resolution}.json`, () =>
          typeCheck(projectDir, resolution, compiler),
        ),
      ),
    );
    for (const [index, { compiler, version, resolution }] of jobs.entries()) {
      const diagnostics = checked[index];
      if (!diagnostics) continue;
      for (const pkg of packages) {
        if (!quickStarts.has(pkg.name)) continue;
        const ok = await step(
          `${pkg.name}: quick start type-checks (${compiler.name}, ${resolution})`,
          async () => {
            const mine = diagnostics.filter((d) => ownerOf(d, packages) === pkg.name);
            if (mine.length) fail(mine.map((d) => d.text).join('\n'));
            return true;
          },
        );
        if (ok) record(pkg.name, `TypeScript ${version} (${resolution})`);
      }
      const others = diagnostics.filter((d) => ownerOf(d, packages) === undefined);
      await step(
        `third-party declarations type-check (${compiler.name}, ${resolution})`,
        async () => {
          if (others.length) fail(others.map((d) => d.text).join('\n'));
        },
      );
    }

    const mockPackage = all.find(
      (p) => typeof p.manifest.bin === 'object' && MOCK_BIN in p.manifest.bin,
    );
    for (const [index, { major }] of NODE_LINES.entries()) {
      const node = await step(`find Node ${major}`, () => nodes[index] as Promise<NodeBinary>);
      if (!node) continue;
      console.log(`run the quick starts on Node ${node.version} (${node.source})`);
      const secret = randomBytes(24).toString('base64url');
      secrets.push(secret);
      const services: Record<string, string> = { SOCIALHUB_WEBHOOK_SECRET: secret };
      const round: Started[] = [];
      if (mockPackage) {
        const mock = await step(
          `${mockPackage.name}: ${MOCK_BIN} --port starts on Node ${major}`,
          () => startMock(projectDir, dirname(node.path)),
        );
        if (mock) {
          round.push(mock.program);
          secrets.push(mock.env.SOCIALHUB_TOKEN);
          Object.assign(services, mock.env);
        }
      } else {
        console.log(
          `    (no package with a ${MOCK_BIN} bin: the SOCIALHUB_* URLs and tokens are unset)`,
        );
      }
      if (hasWebhookKit) {
        const receiver = await step(
          `${WEBHOOK_KIT}: webhook receiver starts on Node ${major}`,
          () => startReceiver(projectDir, node.path, secret),
        );
        if (receiver) {
          round.push(receiver.program);
          services.SOCIALHUB_WEBHOOK_URL = receiver.url;
        }
      }
      background.push(...round);
      for (const pkg of packages) {
        if (!quickStarts.has(pkg.name)) continue;
        const output = await step(`${pkg.name}: quick start runs on Node ${major}`, () =>
          runQuickStart(pkg, projectDir, node, services),
        );
        if (output !== undefined) record(pkg.name, `Node ${node.version}`);
        if (output && flags.verbose) console.log(indent(output));
      }
      for (const program of round) await program.stop();
    }

    if (runtimesInstalled) {
      console.log(
        `run ${WEBHOOK_KIT}'s fetch handler and ./core on ${RUNTIMES.map((r) => r.name).join(', ')}`,
      );
      const ready = await step(
        'install Bun, Deno and workerd from npm (.tools/runtimes/)',
        async () => {
          const error = await runtimesInstalled;
          if (error) throw error;
          return true;
        },
      );
      for (const runtime of ready ? RUNTIMES : []) {
        const secret = randomBytes(24).toString('base64url');
        secrets.push(secret);
        const version = await runtime.version().catch(() => '(no version)');
        const output = await step(
          `${WEBHOOK_KIT}: fetch handler and ./core answer signed deliveries on ${runtime.name} ${version}`,
          () => runOnRuntime(runtime, projectDir, secret),
        );
        if (output !== undefined) record(WEBHOOK_KIT, `${runtime.name} ${version}`);
        if (output && flags.verbose) console.log(indent(output));
      }
    }
  } finally {
    for (const program of background) await program.stop();
    if (flags.keep) console.log(`kept ${temp} and ${project ?? '(no project)'}`);
    else {
      await rm(temp, { recursive: true, force: true });
      if (project) await rm(project, { recursive: true, force: true });
    }
  }

  if (ranOn.size) {
    console.log('\nwhere each package was type-checked and ran:');
    for (const [pkg, platforms] of ranOn) console.log(`  ${pkg}: ${platforms.join(', ')}`);
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\nconsumer test took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (failed.length) {
    console.log('failed:');
    for (const r of failed) console.log(`  ✗ ${r.name}`);
  }
  console.log(`consumer: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

// A closed pipe (`pnpm consumer | head`) must not stop the run before it cleans up.
process.stdout.on('error', () => {});
process.exitCode = await main();
