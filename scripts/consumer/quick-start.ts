/** Reads a package README's quick start: its first fenced TypeScript block, verbatim. */

const FIRST_TS_BLOCK = /^```(?:ts|typescript)[ \t]*\r?\n([\s\S]*?)^```/m;

/** The first ```ts block of a README, exactly as written; `undefined` when there is none. */
export function extractQuickStart(readme: string): string | undefined {
  return FIRST_TS_BLOCK.exec(readme)?.[1];
}
