import { MockServerError, notFound } from '../http/errors.js';
import type { TeamRecord, UserRecord } from '../state/types.js';
import { getAccount } from './channels.js';
import type { MockCore } from './core.js';

/** What a new user is made of: API2's `POST /users` fields, all optional for tests. */
export interface NewUser {
  accountId?: string;
  userName?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  role?: UserRecord['role'];
  locale?: string;
  password?: string;
  teams?: string[];
}

/** Issues a new API2 access token for a user (it works until logout). */
export async function issueUserToken(core: MockCore, user: UserRecord): Promise<string> {
  const token = await core.tokens.userToken({ accountId: user.accountId, userId: user._id });
  user.accessTokens.push(token);
  core.store.putUser(user);
  core.store.touch();
  return token;
}

/** A user of an account (the default account when none is given), unique by `userName`. */
export function createUser(core: MockCore, input: NewUser): UserRecord {
  const { teams, ...fields } = input;
  const account = getAccount(core, input.accountId ?? core.store.state.defaultAccountId);
  const _id = core.ids.objectId();
  const userName = input.userName ?? `user-${_id}@socialhub.local`;
  if (Object.values(core.store.state.users).some((u) => u.userName === userName))
    throw new MockServerError(
      409,
      'ConflictError',
      'Error: A user with this userName already exists',
    );
  const user: UserRecord = {
    firstName: 'Test',
    lastName: 'User',
    role: 'ADMIN',
    locale: 'en',
    email: userName,
    ...fields,
    _id,
    accountId: account._id,
    userName,
    createdTime: new Date(core.now()).toISOString(),
    accessTokens: [],
  };
  core.store.putUser(user);
  for (const teamId of teams ?? []) {
    const team = getTeam(core, account._id, teamId);
    if (!team.users.includes(_id)) team.users.push(_id);
  }
  core.store.touch();
  return user;
}

/** A user of the account, or `404`. */
export function getUser(core: MockCore, accountId: string, userId: string): UserRecord {
  const user = core.store.state.users[userId];
  if (!user || user.accountId !== accountId) throw notFound('User');
  return user;
}

/** A team of the account, or `404`. */
export function getTeam(core: MockCore, accountId: string, teamId: string): TeamRecord {
  const team = core.store.state.teams[teamId];
  if (!team || team.accountId !== accountId) throw notFound('Team');
  return team;
}
