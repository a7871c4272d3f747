/**
 * Compares the restoration at an earlier commit with the working tree: which judgement calls
 * changed their answer (by class and by their old confidence) and how many lines moved.
 *
 *   tsx scripts/restore/compare.ts <git-rev>
 *
 * A call changed when it picks another container than before because of a new review or rule;
 * its class is read from its evidence (`[class N]` in reviewed rows) or its rule. Calls whose
 * answer moved only because an earlier call changed (or that appear or vanish with it) are
 * counted apart. A line moved when its indentation differs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DECISIONS_PATH, OUTPUT_PATH, SEED_PATH, yamlLineRange } from '../restore-api2.ts';
import { type Decision, parseDecisions } from './decisions.ts';
import { classifyLines } from './lines.ts';
import { restore } from './parser.ts';

/** Each judgement call's chosen candidate rank (0 = innermost), by seed line. */
function ranks(seed: string, decisionsText: string): Map<number, number> {
  const { first, last } = yamlLineRange(seed);
  const decisions = parseDecisions(decisionsText);
  const chosen = new Map<number, number>();
  restore(classifyLines(seed, first, last), (point) => {
    const decision = decisions.get(point.line.no) as Decision;
    const index = point.candidates.findIndex((c) => c.frame.pointer === decision.choice);
    chosen.set(point.line.no, index);
    return index;
  });
  return chosen;
}

/** The issue 15 class of a changed call. */
export function classOf(decision: Decision | undefined): string {
  const tagged = /\[class (\d)\]/.exec(decision?.evidence ?? '');
  if (tagged) return `class ${tagged[1]}`;
  switch (decision?.rule) {
    case 'misfit-keyword-is-property':
      return 'class 1';
    case 'facet-lists':
      return 'class 3';
    default:
      return 'follows from another change';
  }
}

function main(): void {
  const rev = process.argv[2];
  if (!rev) throw new Error('compare: give the git revision to compare with');
  const show = (path: string) =>
    execFileSync('git', ['show', `${rev}:${path.replace(/^.*?specs\//, 'specs/')}`], {
      encoding: 'utf8',
    });
  const seed = readFileSync(SEED_PATH, 'utf8');
  const oldText = show(DECISIONS_PATH);
  const newText = readFileSync(DECISIONS_PATH, 'utf8');
  const oldDecisions = parseDecisions(oldText);
  const newDecisions = parseDecisions(newText);
  const before = ranks(seed, oldText);
  const after = ranks(seed, newText);
  const lines = new Set([...before.keys(), ...after.keys()]);
  const byClass = new Map<string, number>();
  const byConfidence = new Map<string, number>();
  const changed: string[] = [];
  let followOn = 0;
  for (const line of [...lines].sort((a, b) => a - b)) {
    const old = oldDecisions.get(line);
    const now = newDecisions.get(line);
    if (before.get(line) === after.get(line) && old?.choice === now?.choice) continue;
    // An annotation that now stays in its open item is class 2 (annotation-after-items was wrong).
    const cls =
      old?.rule === 'annotation-after-items' && now && now.rule !== old.rule
        ? 'class 2'
        : classOf(now);
    if (!old || !now || cls === 'follows from another change') {
      followOn++;
      continue;
    }
    byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
    byConfidence.set(old.confidence, (byConfidence.get(old.confidence) ?? 0) + 1);
    changed.push(`${line}\t${now.key}\t${old.confidence}\t${cls}\t${now.rule}`);
  }
  const oldYaml = show(OUTPUT_PATH).split('\n');
  const newYaml = readFileSync(OUTPUT_PATH, 'utf8').split('\n');
  const indent = (l: string) => l.length - l.trimStart().length;
  const moved = newYaml.filter((l, i) => indent(l) !== indent(oldYaml[i] ?? '')).length;
  console.log(changed.join('\n'));
  console.log(`\nchanged calls: ${changed.length}`);
  console.log(`calls that follow from them (a block now closes or opens elsewhere): ${followOn}`);
  for (const [k, v] of [...byClass].sort()) console.log(`  ${k}: ${v}`);
  for (const [k, v] of [...byConfidence].sort()) console.log(`  old ${k}: ${v}`);
  console.log(`lines moved: ${moved} of ${newYaml.length - 1}`);
}

main();
