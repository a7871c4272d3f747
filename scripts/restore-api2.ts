/**
 * Restores the indentation of the API2 Swagger seed.
 *
 *   tsx scripts/restore-api2.ts            rebuild specs/socialhub-api2.yaml from seed + decisions
 *   tsx scripts/restore-api2.ts --check    fail if the committed YAML differs from a rebuild
 *   tsx scripts/restore-api2.ts --propose  re-run the rules, keep `reviewed` rows, rewrite both files
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Decision, formatDecisions, parseDecisions } from './restore/decisions.ts';
import { classifyLines } from './restore/lines.ts';
import { restore } from './restore/parser.ts';
import { createProposer } from './restore/propose.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SEED_PATH = `${root}specs/source/socialhub-api2.seed.txt`;
export const DECISIONS_PATH = `${root}specs/socialhub-api2.decisions.tsv`;
export const OUTPUT_PATH = `${root}specs/socialhub-api2.yaml`;

/** The seed's YAML lines: after the page chrome, before the closing "Sign up for free" line. */
export function yamlLineRange(seed: string): { first: number; last: number } {
  const all = seed.split('\n');
  const first = all.indexOf('# API information') + 1;
  const last = all.findIndex((l) => l.startsWith('Sign up for free'));
  if (first < 1 || last < first)
    throw new Error('restore-api2: the seed has lost its known page chrome');
  return { first, last };
}

/** Rebuilds the YAML from the seed text and the decisions; throws on any missing or stale decision. */
export function restoreFromDecisions(seed: string, decisionsText: string): string {
  const { first, last } = yamlLineRange(seed);
  const lines = classifyLines(seed, first, last);
  const decisions = parseDecisions(decisionsText);
  const used = new Set<number>();
  const { text } = restore(lines, (point) => {
    const decision = decisions.get(point.line.no);
    if (!decision)
      throw new Error(
        `restore-api2: seed line ${point.line.no} (${point.line.text}) is a judgement call with no decision`,
      );
    const index = point.candidates.findIndex((c) => c.frame.pointer === decision.choice);
    if (index < 0) {
      throw new Error(
        `restore-api2: the decision for seed line ${point.line.no} (${decision.choice}) is not one of ${point.candidates.map((c) => c.frame.pointer).join(', ')}`,
      );
    }
    used.add(point.line.no);
    return index;
  });
  const unused = [...decisions.keys()].filter((no) => !used.has(no));
  if (unused.length)
    throw new Error(
      `restore-api2: decisions for lines that are no judgement call: ${unused.join(', ')}`,
    );
  return text;
}

/** Re-runs the rules; rows marked `reviewed` win over them. */
export function proposeDecisions(seed: string, previous: string): Decision[] {
  const { first, last } = yamlLineRange(seed);
  const lines = classifyLines(seed, first, last);
  const reviewed = new Map([...parseDecisions(previous)].filter(([, d]) => d.rule === 'reviewed'));
  const judge = createProposer(lines);
  const decisions: Decision[] = [];
  restore(lines, (point) => {
    const review = reviewed.get(point.line.no);
    const reviewedIndex = review
      ? point.candidates.findIndex((c) => c.frame.pointer === review.choice)
      : -1;
    if (review && reviewedIndex < 0) {
      throw new Error(
        `restore-api2: reviewed decision for seed line ${review.line} (${review.choice}) fits none of ${point.candidates.map((c) => c.frame.pointer).join(', ')}`,
      );
    }
    if (review) {
      decisions.push(review);
      return reviewedIndex;
    }
    const judgement = judge(point);
    const chosen = point.candidates[judgement.chosen];
    decisions.push({
      line: point.line.no,
      key: point.line.key ?? point.line.text,
      choice: chosen?.frame.pointer ?? '',
      confidence: judgement.confidence,
      rule: judgement.rule,
      evidence: judgement.evidence,
    });
    return judgement.chosen;
  });
  return decisions;
}

function main(): void {
  const mode = process.argv[2];
  const seed = readFileSync(SEED_PATH, 'utf8');
  if (mode === '--propose') {
    let previous = '';
    try {
      previous = readFileSync(DECISIONS_PATH, 'utf8');
    } catch {}
    writeFileSync(DECISIONS_PATH, formatDecisions(proposeDecisions(seed, previous)));
  }
  const text = restoreFromDecisions(seed, readFileSync(DECISIONS_PATH, 'utf8'));
  if (mode === '--check') {
    if (readFileSync(OUTPUT_PATH, 'utf8') !== text) {
      console.error(
        'restore-api2: specs/socialhub-api2.yaml differs from the rebuild; run `pnpm restore:api2`',
      );
      process.exit(1);
    }
    console.log('restore-api2: specs/socialhub-api2.yaml matches seed + decisions');
    return;
  }
  writeFileSync(OUTPUT_PATH, text);
  console.log(`restore-api2: wrote ${OUTPUT_PATH}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
