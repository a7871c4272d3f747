import type { ChannelCreateSchema, ChannelUpdateSchema } from '@socialhub/schema/public/zod';
import type { z } from 'zod';
import type { TemporaryToken } from '../auth/tokens.js';
import { channelDeactivated, MockServerError, notFound } from '../http/errors.js';
import type { AccountRecord, ChannelRecord, ManifestRecord } from '../state/types.js';
import { isoNow, type MockCore } from './core.js';

type ChannelCreate = z.output<typeof ChannelCreateSchema>;
type ChannelUpdate = z.output<typeof ChannelUpdateSchema>;

/** Gives `channel` a new access token (the old one stops working) and returns it. */
export async function issueChannelToken(core: MockCore, channel: ChannelRecord): Promise<string> {
  // `iat` has one-second resolution: keep it increasing so a new token never equals the old one.
  const iat = Math.max(core.tokens.nowSeconds(), channel.tokenIat + 1);
  const token = await core.tokens.channelToken({
    accountId: channel.accountId,
    channelId: channel._id,
    iat,
  });
  core.store.setChannelToken(channel, token, iat);
  return token;
}

/** The account, or `404`. */
export function getAccount(core: MockCore, accountId: string): AccountRecord {
  const account = core.store.state.accounts[accountId];
  if (!account) throw notFound('Account');
  return account;
}

/** The channel, or `404`. */
export function getChannel(core: MockCore, channelId: string): ChannelRecord {
  const channel = core.store.state.channels[channelId];
  if (!channel) throw notFound('Channel');
  return channel;
}

/** The manifest of a channel (always there: channels are created with one). */
export function manifestOf(core: MockCore, channel: ChannelRecord): ManifestRecord {
  const manifest = core.store.state.manifests[channel.manifestId];
  if (!manifest) throw new MockServerError(500, 'InternalError', 'Error: Channel without manifest');
  return manifest;
}

const activeChannelCount = (core: MockCore, accountId: string) =>
  Object.values(core.store.state.channels).filter((c) => c.accountId === accountId && !c.isDisabled)
    .length;

function assertUniqueName(core: MockCore, accountId: string, uniqueName: string, except?: string) {
  const taken = Object.values(core.store.state.channels).some(
    (c) => c.accountId === accountId && c.uniqueName === uniqueName && c._id !== except,
  );
  if (taken) {
    throw new MockServerError(
      409,
      'DuplicateUniqueName',
      'Error: Another channel of this account already has this uniqueName',
    );
  }
}

function assertBelowLimit(core: MockCore, account: AccountRecord) {
  if (activeChannelCount(core, account._id) >= account.channelLimit) {
    throw new MockServerError(
      403,
      'ChannelLimitReached',
      'Error: Account specific channel limit reached',
    );
  }
}

/** A fresh channel record (its token is issued right after). */
function newChannel(
  core: MockCore,
  fields: Omit<
    ChannelRecord,
    '_id' | 'businessHours' | 'createdTime' | 'isDisabled' | 'accessToken' | 'tokenIat' | 'endpoint'
  > & {
    endpoint?: ChannelRecord['endpoint'];
  },
): ChannelRecord {
  return {
    _id: core.ids.objectId(),
    ...fields,
    endpoint: fields.endpoint ?? {},
    businessHours: null,
    createdTime: isoNow(core),
    isDisabled: false,
    accessToken: '',
    tokenIat: 0,
  };
}

/** A custom channel's own, empty manifest. */
export function newManifest(core: MockCore, accountId: string): ManifestRecord {
  return {
    _id: core.ids.objectId(),
    accountId,
    isReusable: false,
    webhook: null,
    inbox: { ticketActions: [], rightSidebar: [] },
  };
}

/**
 * `POST /channels` with a temporary token: reactivates the account's channel of that manifest
 * with the same `networkId` (or, without one, the same `uniqueName`), else creates one.
 */
export function createOrReactivateChannel(
  core: MockCore,
  temporary: TemporaryToken,
  body: ChannelCreate,
): Promise<{ channel: ChannelRecord; accessToken: string }> {
  return core.exclusive(async () => {
    const { accountId, manifestId } = temporary.payload;
    const account = core.store.state.accounts[accountId];
    const manifest = core.store.state.manifests[manifestId];
    if (!account || !manifest) throw notFound(account ? 'Manifest' : 'Account');
    const channels = Object.values(core.store.state.channels);
    const mine = channels.filter((c) => c.accountId === accountId && c.manifestId === manifestId);
    const match =
      body.networkId === undefined
        ? mine.find((c) => c.uniqueName === body.uniqueName)
        : mine.find((c) => c.networkId === body.networkId);
    if (match) {
      assertUniqueName(core, accountId, body.uniqueName, match._id);
      // The validated body is spread: a field the contract adds is kept with no edit here.
      Object.assign(match, body);
      match.isDisabled = false;
      delete match.disabledBy;
      delete match.disabledReason;
      match.updatedTime = isoNow(core);
      const accessToken = await issueChannelToken(core, match);
      core.store.touch();
      return { channel: match, accessToken };
    }
    if (
      body.networkId !== undefined &&
      channels.some((c) => c.manifestId === manifestId && c.networkId === body.networkId)
    ) {
      throw new MockServerError(
        409,
        'DuplicateChannel',
        'Error: This channel has already been created in another SocialHub account',
      );
    }
    assertBelowLimit(core, account);
    assertUniqueName(core, accountId, body.uniqueName);
    const channel = newChannel(core, { ...body, accountId, manifestId });
    const accessToken = await issueChannelToken(core, channel);
    core.store.addChannel(channel);
    core.store.touch();
    return { channel, accessToken };
  });
}

/** `PATCH /channel`: partial update; the token stays. */
export function updateChannel(core: MockCore, channel: ChannelRecord, body: ChannelUpdate) {
  if (body.uniqueName !== undefined)
    assertUniqueName(core, channel.accountId, body.uniqueName, channel._id);
  Object.assign(channel, body);
  channel.updatedTime = isoNow(core);
  core.store.touch();
  return channel;
}

/** `DELETE /channel`: the integration disables its channel; no webhook (only the customer's disabling sends one). */
export function disableChannelByIntegration(
  core: MockCore,
  channel: ChannelRecord,
  reason?: string,
) {
  channel.isDisabled = true;
  channel.disabledBy = 'integration';
  if (reason !== undefined) channel.disabledReason = reason;
  channel.updatedTime = isoNow(core);
  core.store.touch();
}

/** The customer creates a custom channel on the settings page: a channel, its own manifest and a token. */
export function createCustomChannel(
  core: MockCore,
  input: {
    accountId?: string;
    name: string;
    uniqueName?: string;
    networkId?: string;
    imageUrl?: string;
  },
): Promise<{ channel: ChannelRecord; accessToken: string }> {
  return core.exclusive(async () => {
    const account = getAccount(core, input.accountId ?? core.store.state.defaultAccountId);
    const uniqueName = input.uniqueName ?? input.name;
    assertBelowLimit(core, account);
    assertUniqueName(core, account._id, uniqueName);
    const manifest = newManifest(core, account._id);
    const channel = newChannel(core, {
      accountId: account._id,
      manifestId: manifest._id,
      name: input.name,
      uniqueName,
      ...(input.imageUrl === undefined ? {} : { imageUrl: input.imageUrl }),
      ...(input.networkId === undefined ? {} : { networkId: input.networkId }),
    });
    const accessToken = await issueChannelToken(core, channel);
    core.store.state.manifests[manifest._id] = manifest;
    core.store.addChannel(channel);
    core.store.touch();
    return { channel, accessToken };
  });
}

/** The customer disables a channel on the settings page: the token stops working and `channel_action` is sent. */
export function disableChannelByCustomer(core: MockCore, channelId: string): ChannelRecord {
  const channel = getChannel(core, channelId);
  if (channel.isDisabled) throw channelDeactivated();
  channel.isDisabled = true;
  channel.disabledBy = 'customer';
  channel.updatedTime = isoNow(core);
  core.store.touch();
  core.engine.enqueue(channel._id, 'channel_action', {
    channelId: channel._id,
    type: 'disabled',
    time: core.now(),
    uuid: core.ids.uuid(),
  });
  return channel;
}

/** The customer presses "Create new Token": a new token, the old one and the manifest's webhook stop working. */
export function rotateChannelToken(core: MockCore, channelId: string): Promise<string> {
  return core.exclusive(async () => {
    const channel = getChannel(core, channelId);
    const accessToken = await issueChannelToken(core, channel);
    manifestOf(core, channel).webhook = null;
    core.store.touch();
    return accessToken;
  });
}

/** Re-enables a disabled channel directly (custom channels, or a reusable manifest without a reactivation callback). */
export function enableChannel(core: MockCore, channel: ChannelRecord): ChannelRecord {
  if (channel.isDisabled) assertBelowLimit(core, getAccount(core, channel.accountId));
  channel.isDisabled = false;
  delete channel.disabledBy;
  delete channel.disabledReason;
  channel.updatedTime = isoNow(core);
  core.store.touch();
  return channel;
}
