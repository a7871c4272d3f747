import type { components } from '@socialhub/schema/api2';
import { api2Operations } from '@socialhub/schema/api2/operations';
import { ChannelSchema } from '@socialhub/schema/api2/zod';
import { WebhookDeliverySchema } from '@socialhub/schema/webhooks/zod';

type Channel = components['schemas']['Channel'];

// The operations table routes a call; `zod` names the schemas that parse its inputs.
const { method, path, zod } = api2Operations.getChannels;
console.log(method, path, zod.query); // get /channels getChannelsQuery

// Parsing checks the contract and keeps fields it does not list yet.
const channel: Channel = ChannelSchema.parse({ _id: '5cc1afd1d62ec72e8388cb46', name: 'Support' });
console.log(channel.name);

// A WebHook delivery: known events are checked, unknown event types and fields are kept.
const rawBody =
  '{"manifestId":"5cc1afd1d62ec72e8388cb45","accountId":"5cb9003af1bb6808381d184d","channelId":"5cc1afd1d62ec72e8388cb46","events":{"channel_action":[{"channelId":"5cc1afd1d62ec72e8388cb46","type":"disabled","time":1556201893268,"uuid":"4616f2f0-5069-4ee8-ad95-4c106c277eb3"}]}}';
const delivery = WebhookDeliverySchema.parse(JSON.parse(rawBody));
for (const event of delivery.events.channel_action ?? []) console.log(event.type); // disabled
