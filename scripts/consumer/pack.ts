/** Packs a workspace package with pnpm, which turns `workspace:*` ranges into real versions. */
import { execFile } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Packs the package in `dir` into `dest` (lifecycle scripts do not run); returns the tarball path. */
export async function packPackage(dir: string, dest: string): Promise<string> {
  const { stdout } = await run('pnpm', ['pack', '--pack-destination', dest, '--json'], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  const { filename } = JSON.parse(stdout) as { filename: string };
  return isAbsolute(filename) ? filename : join(dest, filename);
}
