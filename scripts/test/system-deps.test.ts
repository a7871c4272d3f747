import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SYSTEM_DEPS = join(ROOT, 'scripts/system-deps.sh');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `script` in bash after sourcing scripts/system-deps.sh, with `PATH` set to `path`. */
function runBash(script: string, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      '/bin/bash',
      ['-c', `. "${SYSTEM_DEPS}"\n${script}`],
      { env: { PATH: path, HOME: tmpdir() } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let dir: string;
let bin: string;

/** A stub command in the stub bin folder. */
async function stub(name: string, body: string): Promise<void> {
  const file = join(bin, name);
  await writeFile(file, `#!/bin/bash\n${body}\n`);
  await chmod(file, 0o755);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'system-deps-'));
  bin = join(dir, 'bin');
  await mkdir(bin);
  // Only these tools: no apt-get unless a test adds its stub.
  for (const tool of ['mktemp', 'cat', 'rm', 'touch'])
    await symlink(join('/usr/bin', tool), join(bin, tool));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A list with one package `fakepkg` for `test`, shown by a file in the temp folder. */
function fakeList(): string {
  return `SYSTEM_DEPS=("test|${dir}/installed/fake*|fakepkg|a test")`;
}

describe('the declared list', () => {
  it('gives npm test Chromium and the PostgreSQL server, and npm start nothing', async () => {
    const listed = await runBash(
      `for e in "\${SYSTEM_DEPS[@]}"; do IFS="|" read -r job check pkg why <<<"$e"; echo "$job $pkg $check"; done`,
      bin,
    );
    expect(listed.stdout.trim().split('\n')).toEqual([
      'test chromium /usr/bin/chromium',
      'test postgresql /usr/lib/postgresql/*/bin/postgres',
    ]);
  });
});

describe('ensure_system_deps', () => {
  it('prints nothing and succeeds when every package is there', async () => {
    await mkdir(join(dir, 'installed'));
    await writeFile(join(dir, 'installed/fake-1'), '');
    const outcome = await runBash(`${fakeList()}\nensure_system_deps test`, bin);
    expect(outcome).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('needs nothing for a job without packages (npm start)', async () => {
    const outcome = await runBash(`${fakeList()}\nensure_system_deps main`, bin);
    expect(outcome).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('stops at once with one line naming the exact command when it is not root', async () => {
    await stub('id', 'echo 1000');
    await stub('apt-get', `touch "${dir}/apt-called"; exit 0`);
    const outcome = await runBash(`${fakeList()}\nensure_system_deps test; echo "rc=$?"`, bin);
    expect(outcome.stdout).toBe('rc=1\n');
    expect(outcome.stderr.trim().split('\n')).toEqual([
      "bootstrap: missing system packages: fakepkg; run: sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends fakepkg' and then npm test again",
    ]);
    await expect(readFile(join(dir, 'apt-called'))).rejects.toThrow();
  });

  it('names the command for Debian or Ubuntu when there is no apt-get', async () => {
    const outcome = await runBash(`${fakeList()}\nensure_system_deps test`, bin);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toContain(
      "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends fakepkg'",
    );
  });

  it('installs as root with apt-get, quietly, with one line saying so', async () => {
    await stub('id', 'echo 0');
    await stub(
      'apt-get',
      `echo "$*" >>"${dir}/apt-calls"; echo "noisy apt output"
if [ "$1" = install ]; then mkdir -p "${dir}/installed"; touch "${dir}/installed/fake-1"; fi`,
    );
    await symlink('/usr/bin/mkdir', join(bin, 'mkdir'));
    const outcome = await runBash(`${fakeList()}\nensure_system_deps test`, bin);
    expect(outcome).toEqual({
      code: 0,
      stdout: 'bootstrap: installing system packages with apt-get: fakepkg\n',
      stderr: '',
    });
    expect(await readFile(join(dir, 'apt-calls'), 'utf8')).toBe(
      'update -qq\ninstall -y -qq --no-install-recommends fakepkg\n',
    );
  });

  it("shows apt-get's output and fails when the install fails", async () => {
    await stub('id', 'echo 0');
    await stub('apt-get', 'echo "E: Unable to locate package fakepkg" >&2; exit 100');
    const outcome = await runBash(`${fakeList()}\nensure_system_deps test`, bin);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('E: Unable to locate package fakepkg');
    expect(outcome.stderr).toContain('bootstrap: apt-get could not install fakepkg');
  });
});

describe('.ci/run', () => {
  it("only calls the README's test command", async () => {
    const commands = (await readFile(join(ROOT, '.ci/run'), 'utf8'))
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    expect(commands.at(-1)).toBe('exec npm test');
    expect(commands.join('\n')).not.toMatch(/apt-get|chromium|pnpm/);
  });
});
