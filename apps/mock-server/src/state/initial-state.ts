import type { IdGenerator } from './ids.js';
import type { AccountRecord, MockState, UserRecord } from './types.js';

/** Channel limit of new accounts. */
export const DEFAULT_CHANNEL_LIMIT = 100;

/** The default account's community manager, who can log in with `POST /api2/users/login`. */
export const DEFAULT_USER = { userName: 'manager@socialhub.local', password: 'socialhub-mock' };

/** The default user of an account (its `userId`): the community manager who acts in it. */
export function defaultUserOf(account: AccountRecord, isFirst: boolean): UserRecord {
  return {
    _id: account.userId,
    accountId: account._id,
    userName: isFirst ? DEFAULT_USER.userName : `manager-${account._id}@socialhub.local`,
    email: isFirst ? DEFAULT_USER.userName : `manager-${account._id}@socialhub.local`,
    firstName: 'Community',
    lastName: 'Manager',
    role: 'ADMIN',
    locale: 'en',
    ...(isFirst ? { password: DEFAULT_USER.password } : {}),
    accessTokens: [],
  };
}

/** A state with one account (the default customer) and its user, and nothing else. */
export function createInitialState(ids: IdGenerator, signingKey: string): MockState {
  const accountId = ids.objectId();
  const account: AccountRecord = {
    _id: accountId,
    name: 'Demo Account',
    channelLimit: DEFAULT_CHANNEL_LIMIT,
    userId: ids.objectId(),
  };
  return {
    version: 1,
    signingKey,
    defaultAccountId: accountId,
    accounts: { [accountId]: account },
    manifests: {},
    channels: {},
    tickets: {},
    users: { [account.userId]: defaultUserOf(account, true) },
    teams: {},
    interactors: {},
    deliveries: [],
  };
}

/** Fills in what state files written before users and teams existed lack. */
export function upgradeState(state: MockState): MockState {
  state.users ??= {};
  state.teams ??= {};
  for (const account of Object.values(state.accounts))
    if (!state.users[account.userId])
      state.users[account.userId] = defaultUserOf(account, account._id === state.defaultAccountId);
  return state;
}
