/**
 * Writes `reviewed` rows into the decisions file from a short review list, one line each:
 * `<seed line> <target> <evidence...>`, where target is the chosen container written short
 * (`~` = the enclosing body/response/definition schema, `.name.` = `/properties/name/properties`).
 *
 *   tsx scripts/restore/review.ts specs/socialhub-api2.review.txt
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DECISIONS_PATH, proposeDecisions, SEED_PATH, yamlLineRange } from '../restore-api2.ts';
import { type Decision, formatDecisions, parseDecisions } from './decisions.ts';
import { classifyLines } from './lines.ts';
import { restore } from './parser.ts';
import { createProposer } from './propose.ts';

/** The short form of a container pointer used in review lists. */
export function shortPointer(pointer: string): string {
  return pointer
    .replace(/^\/paths\/[^/]+\/[a-z]+\/(parameters\/\d+\/schema|responses\/[0-9]+\/schema)/, '~')
    .replace(/^\/definitions\/[A-Za-z0-9]+/, '~')
    .replace(/\/properties\//g, '.')
    .replace(/\/properties$/, '.');
}

function main(): void {
  const seed = readFileSync(SEED_PATH, 'utf8');
  const reviewList = new Map<number, { target: string; evidence: string }>();
  for (const row of readFileSync(process.argv[2] as string, 'utf8').split('\n')) {
    const match = /^(\d+)\s+(\S+)\s+(.*)$/.exec(row.trim());
    if (match)
      reviewList.set(Number(match[1]), {
        target: match[2] as string,
        evidence: match[3] as string,
      });
  }
  const { first, last } = yamlLineRange(seed);
  const lines = classifyLines(seed, first, last);
  const judge = createProposer(lines);
  const previous = parseDecisions(readFileSync(DECISIONS_PATH, 'utf8'));
  const reviewed: Decision[] = [];
  restore(lines, (point) => {
    const review = reviewList.get(point.line.no);
    const kept = previous.get(point.line.no);
    if (review) {
      const index = point.candidates.findIndex(
        (c) => shortPointer(c.frame.pointer) === review.target,
      );
      if (index < 0)
        throw new Error(
          `review: line ${point.line.no}: ${review.target} is not one of ${point.candidates.map((c) => shortPointer(c.frame.pointer)).join(' ')}`,
        );
      reviewed.push({
        line: point.line.no,
        key: point.line.key ?? '',
        choice: (point.candidates[index] as { frame: { pointer: string } }).frame.pointer,
        confidence: 'medium',
        rule: 'reviewed',
        evidence: review.evidence,
      });
      return index;
    }
    if (kept?.rule === 'reviewed') {
      const index = point.candidates.findIndex((c) => c.frame.pointer === kept.choice);
      if (index >= 0) {
        reviewed.push(kept);
        return index;
      }
    }
    return judge(point).chosen;
  });
  const merged = formatDecisions(reviewed);
  writeFileSync(DECISIONS_PATH, formatDecisions(proposeDecisions(seed, merged)));
  console.log(`review: ${reviewed.length} reviewed rows`);
}

main();
