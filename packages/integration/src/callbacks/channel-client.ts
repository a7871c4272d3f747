/** The part of the channel callbacks that talks to SocialHub, through `@socialhub/client`. */
import {
  type BaseClientOptions,
  createPublicClient,
  type PublicClient,
  SocialHubApiError,
  toApiError,
} from '@socialhub/client';
import { createChannel, reactivateChannel } from '@socialhub/client/integration';
import type { components } from '@socialhub/schema/public';
import { ChannelCreationError } from '../errors.js';

type ChannelCreate = components['schemas']['ChannelCreate'];
type Channel = components['schemas']['Channel'];

/** Where and how the handler sends `POST /channels` (what `createPublicClient` takes, without a token). */
export type ChannelClientOptions = Pick<
  BaseClientOptions,
  'baseUrl' | 'fetch' | 'retry' | 'timeoutMs' | 'userAgent' | 'log'
>;

/** One `POST /channels` the handler makes: create, or reactivate with the token's channel. */
export type ChannelRequest =
  | { kind: 'create'; channel: ChannelCreate }
  | { kind: 'reactivate'; channel: Partial<ChannelCreate> | undefined };

function failed(error: unknown): ChannelCreationError {
  if (error instanceof SocialHubApiError)
    return new ChannelCreationError(
      `SocialHub answered ${error.status} ${error.code}${error.serverMessage ? `: ${error.serverMessage}` : ''}`,
      { status: error.status, code: error.code },
      { cause: error },
    );
  const reason = error instanceof Error ? error.message : String(error);
  return new ChannelCreationError(
    reason.replace(/^@socialhub\/client: /, ''),
    {},
    { cause: error },
  );
}

/**
 * Sends each request with the temporary token, one after the other, and hands every created
 * channel to `onChannel` before the next request; the first failure throws `ChannelCreationError`.
 */
export async function sendChannelRequests(
  token: string,
  requests: readonly ChannelRequest[],
  options: ChannelClientOptions & { now?: () => number },
  onChannel: (channel: Channel, request: ChannelRequest) => unknown,
): Promise<void> {
  const { now, ...clientOptions } = options;
  let client: PublicClient;
  try {
    client = createPublicClient({ ...clientOptions, accessToken: token });
  } catch (error) {
    throw failed(error);
  }
  for (const request of requests) {
    let result: Awaited<ReturnType<typeof createChannel>>;
    try {
      result =
        request.kind === 'create'
          ? await createChannel(client, { token, channel: request.channel, now })
          : await reactivateChannel(client, { token, channel: request.channel, now });
    } catch (error) {
      throw failed(error);
    }
    if (result.status !== 201) throw failed(toApiError(result));
    await onChannel(result.data, request);
  }
}
