/** Type-test helpers. */

/** TypeScript's own identity check (what `toEqualTypeOf` uses): true only for identical types. */
export type Identical<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type Nullish<T> = Extract<T, null | undefined>;

/**
 * `Identical`, applied level by level. TypeScript's identity check gives up ("maybe", read as
 * false) on very deeply nested object types, which inferred zod types become; this walks the
 * structure itself so each comparison stays shallow. At every level it requires the same keys,
 * the same optional keys, identical `null`/`undefined` members and identical leaves.
 */
export type DeepIdentical<A, B> =
  Identical<A, B> extends true
    ? true
    : Identical<Nullish<A>, Nullish<B>> extends false
      ? false
      : [NonNullable<A>, NonNullable<B>] extends [infer X, infer Y]
        ? true extends IsUnion<X> | IsUnion<Y>
          ? false
          : [X, Y] extends [readonly (infer XI)[], readonly (infer YI)[]]
            ? Identical<X, XI[]> extends true
              ? Identical<Y, YI[]> extends true
                ? DeepIdentical<XI, YI>
                : false
              : false
            : [X, Y] extends [object, object]
              ? Identical<keyof X, keyof Y> extends true
                ? Identical<OptionalKeys<X>, OptionalKeys<Y>> extends true
                  ? false extends { [K in keyof X & keyof Y]: DeepIdentical<X[K], Y[K]> }[keyof X &
                      keyof Y]
                    ? false
                    : true
                  : false
                : false
              : false
        : false;

/** The keys of a `{ key: [actual, expected] }` map whose two types are not (deeply) identical. */
export type Mismatches<Pairs> = {
  [K in keyof Pairs]: Pairs[K] extends [infer A, infer B]
    ? DeepIdentical<A, B> extends true
      ? never
      : K
    : K;
}[keyof Pairs];
