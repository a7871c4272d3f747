/**
 * Facts about the whole seed that the judgement rules consult: which names are definitions
 * (referenced as `#/definitions/X`), and which names each later `required` list holds.
 */
import type { SeedLine } from './lines.ts';

export interface SeedEvidence {
  /** Names referenced anywhere as `#/definitions/<name>`. */
  referencedDefinitions: Set<string>;
}

/** Collects the whole-file evidence once. */
export function collectEvidence(lines: readonly SeedLine[]): SeedEvidence {
  const referencedDefinitions = new Set<string>();
  for (const line of lines) {
    for (const match of line.text.matchAll(/#\/definitions\/([A-Za-z0-9_.-]+)/g)) {
      if (match[1]) referencedDefinitions.add(match[1]);
    }
  }
  return { referencedDefinitions };
}
