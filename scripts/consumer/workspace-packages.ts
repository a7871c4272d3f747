/**
 * Finds the packages this repository publishes: every package.json under packages/* and apps/*
 * that is not `private`, so a new package is checked, packed and documented without a list to
 * keep up to date.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The folders whose children may be published packages. */
export const PACKAGE_FOLDERS = ['packages', 'apps'] as const;

/** The fields of a package.json that the checks and the harness read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  exports?: Record<string, string | Record<string, string>>;
  bin?: string | Record<string, string>;
  files?: string[];
  sideEffects?: boolean;
  engines?: Record<string, string>;
  publishConfig?: { access?: string; provenance?: boolean };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

/** A workspace package that is published to npm. */
export interface PublishedPackage {
  name: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** Path of the package folder relative to the repository root, e.g. `packages/schema`. */
  relDir: string;
  manifest: PackageManifest;
}

/** Every non-private package under packages/* and apps/*, sorted by name. */
export async function listPublishedPackages(root: string = ROOT): Promise<PublishedPackage[]> {
  const found: PublishedPackage[] = [];
  for (const folder of PACKAGE_FOLDERS) {
    const parent = join(root, folder);
    if (!existsSync(parent)) continue;
    for (const entry of await readdir(parent, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(parent, entry.name);
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(await readFile(file, 'utf8')) as PackageManifest;
      if (manifest.private) continue;
      found.push({ name: manifest.name, dir, relDir: relative(root, dir), manifest });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}
