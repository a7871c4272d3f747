/** Proposes a judgement for every choice point by applying the rules in `rules.ts`. */
import { collectEvidence } from './evidence.ts';
import type { SeedLine } from './lines.ts';
import type { ChoicePoint } from './parser.ts';
import { type Judgement, judge } from './rules.ts';

/** Returns a chooser that records the rules' judgement at every choice point it is asked about. */
export function createProposer(lines: readonly SeedLine[]) {
  const evidence = collectEvidence(lines);
  return (point: ChoicePoint): Judgement => judge(point, lines, evidence);
}
