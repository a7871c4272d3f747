import { InvalidOptionsError } from './errors.js';

/** Either one `secret` or several `secrets` (rotation: any of them may have signed). */
export type SecretOptions =
  | { secret: string; secrets?: undefined }
  | { secrets: readonly string[]; secret?: undefined };

/** Normalises `secret | secrets` into a non-empty list; throws `InvalidOptionsError` otherwise. */
export function secretList(options: SecretOptions): readonly string[] {
  const list =
    options?.secrets ?? (options?.secret === undefined ? [] : [options.secret as string]);
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((s) => typeof s !== 'string' || s.length === 0)
  ) {
    throw new InvalidOptionsError(
      'pass `secret` or a non-empty `secrets` list of non-empty strings',
    );
  }
  return list;
}
