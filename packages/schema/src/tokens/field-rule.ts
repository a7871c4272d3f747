/** One field of a token payload schema, as the generator flattens it (`public.tokens.gen.ts`). */
export interface FieldRule {
  readonly name: string;
  readonly required: boolean;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  /** A regular expression a string must match. */
  readonly pattern?: string;
  /** `uri`: a string that parses as an absolute URL. */
  readonly format?: 'uri';
  /** The rule of every item of an array. */
  readonly items?: Omit<FieldRule, 'name' | 'required'>;
}
