import type { IdGenerator } from './ids.js';
import type { MockState } from './types.js';

/** Channel limit of new accounts. */
export const DEFAULT_CHANNEL_LIMIT = 100;

/** A state with one account (the default customer) and nothing else. */
export function createInitialState(ids: IdGenerator, signingKey: string): MockState {
  const accountId = ids.objectId();
  return {
    version: 1,
    signingKey,
    defaultAccountId: accountId,
    accounts: {
      [accountId]: {
        _id: accountId,
        name: 'Demo Account',
        channelLimit: DEFAULT_CHANNEL_LIMIT,
        userId: ids.objectId(),
      },
    },
    manifests: {},
    channels: {},
    tickets: {},
    interactors: {},
    deliveries: [],
  };
}
