/**
 * Runs `changeset status` and checks the release plan it computes: one version for every
 * published package (the fixed group), and no private package released.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type PublishedPackage, ROOT } from './workspace-packages.ts';

const run = promisify(execFile);

interface Status {
  changesets: { id: string }[];
  releases: { name: string; type: string; newVersion?: string }[];
}

/** The plan in one line, e.g. `4 changesets: @socialhub/client, ... → 0.1.0`; throws when wrong. */
export async function checkReleasePlan(published: readonly PublishedPackage[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'socialhub-changesets-'));
  try {
    const output = join(dir, 'status.json');
    await run('pnpm', ['exec', 'changeset', 'status', `--output=${output}`], { cwd: ROOT }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`changeset status failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      },
    );
    const status = JSON.parse(await readFile(output, 'utf8')) as Status;
    const releases = status.releases.filter((r) => r.type !== 'none');
    if (releases.length === 0) return 'no pending changesets';
    const names = new Set(published.map((p) => p.name));
    const strays = releases.filter((r) => !names.has(r.name)).map((r) => r.name);
    if (strays.length)
      throw new Error(`private packages in the release plan: ${strays.join(', ')}`);
    const missing = [...names].filter((n) => !releases.some((r) => r.name === n));
    if (missing.length) throw new Error(`not in the fixed group: ${missing.join(', ')}`);
    const versions = new Set(releases.map((r) => r.newVersion));
    if (versions.size !== 1) {
      throw new Error(
        `published packages would get different versions: ${[...versions].join(', ')}`,
      );
    }
    return `${status.changesets.length} changesets: ${releases.map((r) => r.name).join(', ')} → ${[...versions][0]}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
