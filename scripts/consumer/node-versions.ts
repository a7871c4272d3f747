/**
 * The Node.js lines the published packages support, in one place (`engines.node` must be
 * `ENGINES_NODE`; the consumer test runs every quick start on each line), and where the test gets
 * each binary: the repository's pinned toolchain or the machine's `node` when it is of that line
 * and recent enough, else the `node@<major>` package from the npm registry, installed once into
 * `.tools/node<major>/`, so the test installs what it needs on a fresh machine.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { toolsDir } from './tools-dir.ts';

const run = promisify(execFile);

/** The maintained Node.js lines and the lowest minor of each that the packages support. */
export const NODE_LINES = [
  { major: 22, minor: 13 },
  { major: 24, minor: 0 },
  { major: 26, minor: 0 },
] as const;

/** The `engines.node` range every published package declares: exactly `NODE_LINES`, no odd lines. */
export const ENGINES_NODE = '^22.13.0 || ^24.0.0 || >=26.0.0';

/** A Node.js binary and the version it reports. */
export interface NodeBinary {
  major: number;
  version: string;
  path: string;
  /** Where it came from: `this process`, `PATH`, `npm node@24`, ... */
  source: string;
}

async function versionOf(path: string): Promise<string | undefined> {
  try {
    return (await run(path, ['--version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

function fits(version: string, major: number): boolean {
  const [maj, min] = version.replace(/^v/, '').split('.').map(Number);
  const minimum = NODE_LINES.find((line) => line.major === major)?.minor ?? 0;
  return maj === major && (min ?? 0) >= minimum;
}

/** Every `node` on PATH, in PATH order. */
function nodesOnPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...new Set(dirs.map((d) => join(d, 'node')))].filter((p) => existsSync(p));
}

/** Installs `node@<major>` from the npm registry into `.tools/node<major>/` (gitignored). */
async function installFromNpm(major: number): Promise<string> {
  const prefix = join(toolsDir(), `node${major}`);
  const bin = join(prefix, 'node_modules', '.bin', 'node');
  if (!existsSync(bin)) {
    await mkdir(prefix, { recursive: true });
    await writeFile(join(prefix, 'package.json'), '{ "private": true }\n');
    await run(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        `node@${major}`,
      ],
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
