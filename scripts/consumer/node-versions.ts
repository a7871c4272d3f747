/**
 * Finds the Node.js binaries the consumer test runs on: Node 22 (the repository's pinned
 * toolchain) and Node 20 (the machine's own `node`, or `node@20` from the npm registry when the
 * machine has none), so the test installs what it needs on a fresh machine.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './workspace-packages.ts';

const run = promisify(execFile);

/** A Node.js binary and the version it reports. */
export interface NodeBinary {
  major: number;
  version: string;
  path: string;
  /** Where it came from: `PATH`, `npm node@20`, ... */
  source: string;
}

/** The lowest release the packages support (`engines.node` is `>=20.19`). */
const MINIMUM: Record<number, number> = { 20: 19, 22: 0 };

async function versionOf(path: string): Promise<string | undefined> {
  try {
    return (await run(path, ['--version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

function fits(version: string, major: number): boolean {
  const [maj, min] = version.replace(/^v/, '').split('.').map(Number);
  return maj === major && (min ?? 0) >= (MINIMUM[major] ?? 0);
}

/** Every `node` on PATH, in PATH order. */
function nodesOnPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...new Set(dirs.map((d) => join(d, 'node')))].filter((p) => existsSync(p));
}

/** Installs `node@<major>` from the npm registry into `.tools/node<major>/` (gitignored). */
async function installFromNpm(major: number): Promise<string> {
  const prefix = join(ROOT, '.tools', `node${major}`);
  const bin = join(prefix, 'node_modules', '.bin', 'node');
  if (!existsSync(bin)) {
    await mkdir(prefix, { recursive: true });
    await writeFile(join(prefix, 'package.json'), '{ "private": true }\n');
    await run(
      'npm',
      ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node@${major}`],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  }
  return bin;
}

/** A Node.js binary of the given major version: `process.execPath`, PATH, then npm. */
export async function findNode(major: number): Promise<NodeBinary> {
  const candidates = [process.execPath, ...nodesOnPath()];
  for (const path of candidates) {
    const version = await versionOf(path);
    if (version && fits(version, major)) {
      return { major, version, path, source: path === process.execPath ? 'this process' : 'PATH' };
    }
  }
  const path = await installFromNpm(major);
  const version = await versionOf(path);
  if (!version || !fits(version, major)) {
    throw new Error(`consumer: node@${major} from npm reports ${version ?? 'nothing'}`);
  }
  return { major, version, path, source: `npm node@${major}` };
}
