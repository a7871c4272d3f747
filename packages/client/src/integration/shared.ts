import type { components, paths } from '@socialhub/schema/public';
import { SocialHubConfigError } from '../errors.js';
import type { PublicClient } from '../public-client.js';
import type { StatusResult } from '../result.js';

/** The public contract's schemas. */
export type Schemas = components['schemas'];

/** The status-typed result of one public API operation. */
export type PublicResult<
  P extends keyof paths,
  M extends 'get' | 'post' | 'patch' | 'delete',
> = StatusResult<paths[P][M & keyof paths[P]]>;

/** Throws `SocialHubConfigError` unless `client` is a SocialHub client. */
export function checkClient(client: PublicClient): void {
  if (typeof client !== 'object' || client === null || typeof client.PATCH !== 'function')
    throw new SocialHubConfigError(
      'the first argument must be a client from createPublicClient()',
      'invalid_argument',
    );
}

/** Throws `SocialHubConfigError` unless `value` is a non-empty string. */
export function checkString(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '')
    throw new SocialHubConfigError(`${name} must be a non-empty string`, 'invalid_argument');
}

/** Throws `SocialHubConfigError` unless `value` is a plain object. */
export function checkObject(name: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SocialHubConfigError(`${name} must be an object`, 'invalid_argument');
}
