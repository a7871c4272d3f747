import type { ChannelCreationTokenPayload } from '../auth/tokens.js';
import { MockServerError, validationError } from '../http/errors.js';
import type { ChannelRecord } from '../state/types.js';
import { enableChannel, getAccount } from './channels.js';
import type { MockCore } from './core.js';
import { getManifest } from './manifests.js';

/** A customer being sent to an integration's callback page with a temporary token. */
export interface Redirect {
  /** The callback URL with `?token=`. */
  redirectUrl: string;
  token: string;
  payload: ChannelCreationTokenPayload;
}

async function redirect(
  core: MockCore,
  callback: string | undefined,
  what: string,
  payload: Parameters<MockCore['tokens']['temporaryToken']>[0],
): Promise<Redirect> {
  if (!callback) throw validationError(`The manifest has no ${what} callback`);
  const { token, payload: full } = await core.tokens.temporaryToken(payload);
  const url = new URL(callback);
  url.searchParams.set('token', token);
  return { redirectUrl: url.href, token, payload: full };
}

/** A user clicks "Add Channel" for a reusable manifest: the redirect to its `channelCreation` callback. */
export function startAddChannel(
  core: MockCore,
  manifestId: string,
  input: { accountId: string; userId: string; origin: string; teamIds?: string[] },
): Promise<Redirect> {
  const manifest = getManifest(core, manifestId);
  if (!manifest.isReusable) throw validationError('"Add Channel" needs a reusable manifest');
  const account = getAccount(core, input.accountId);
  return redirect(core, manifest.callbacks?.channelCreation, 'channelCreation', {
    accountId: account._id,
    manifestId: manifest._id,
    userId: input.userId,
    origin: input.origin,
    ...(input.teamIds === undefined ? {} : { teamIds: input.teamIds }),
  });
}

/**
 * A user reactivates a disabled channel: through the manifest's `channelReactivation` callback
 * when it has one (a redirect with a temporary token), else directly.
 */
export async function reactivateChannel(
  core: MockCore,
  channel: ChannelRecord,
  input: { userId: string; origin: string },
): Promise<{ channel: ChannelRecord } | Redirect> {
  if (!channel.isDisabled)
    throw new MockServerError(409, 'ActionNotAvailable', 'Error: The channel is not disabled');
  const manifest = getManifest(core, channel.manifestId);
  if (manifest.isReusable && manifest.callbacks?.channelReactivation) {
    return redirect(core, manifest.callbacks.channelReactivation, 'channelReactivation', {
      accountId: channel.accountId,
      manifestId: manifest._id,
      userId: input.userId,
      origin: input.origin,
      channelId: channel._id,
      uniqueName: channel.uniqueName,
      ...(channel.networkId === undefined ? {} : { networkId: channel.networkId }),
    });
  }
  return { channel: enableChannel(core, channel) };
}
