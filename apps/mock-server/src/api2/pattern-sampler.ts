import RandExpModule from 'randexp';
import type { Random } from './prng.js';

/**
 * randexp ships CommonJS (`module.exports = RandExp`) typed as an ES module with a default
 * export, so Node's default import is the class while TypeScript sees the module: take
 * whichever holds the constructor.
 */
type RandExpClass = typeof RandExpModule.default;
const RandExp = ((RandExpModule as unknown as { default?: RandExpClass }).default ??
  RandExpModule) as RandExpClass;

/** Upper bound drawn for `*`, `+` and open `{n,}` quantifiers, so samples stay short. */
const MAX_REPEAT = 6;

/** Generates strings matching regular expressions, drawing every choice from a seeded `Random`. */
export interface PatternSampler {
  /** A string matching `pattern` (an ECMAScript regular expression source). */
  sample(pattern: string, random: Random): string;
}

/** Compiles a JSON Schema `pattern` as validators do (unicode mode first), or `undefined`. */
export function compilePattern(pattern: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // Try the next flag set.
    }
  }
  return undefined;
}

/** Creates a pattern sampler backed by randexp, one parsed generator per pattern. */
export function createPatternSampler(): PatternSampler {
  const generators = new Map<string, InstanceType<RandExpClass> | undefined>();
  let current: Random = Math.random;
  return {
    sample(pattern, random) {
      let generator = generators.get(pattern);
      if (generator === undefined && !generators.has(pattern)) {
        try {
          generator = new RandExp(pattern);
          generator.max = MAX_REPEAT;
          generator.randInt = (min: number, max: number) =>
            min + Math.floor(current() * (max - min + 1));
        } catch {
          generator = undefined;
        }
        generators.set(pattern, generator);
      }
      if (generator === undefined) return '';
      // Generation is synchronous, so routing randInt through `current` keeps it seeded.
      current = random;
      return generator.gen();
    },
  };
}
