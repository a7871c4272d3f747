import { createPublicClient, unwrap } from '@socialhub/client';
import { createTicket, setWebhook } from '@socialhub/client/integration';

const client = createPublicClient({
  accessToken: process.env.SOCIALHUB_TOKEN ?? '',
  baseUrl: process.env.SOCIALHUB_URL, // undefined: https://api.socialhub.io
});
const { channel } = await unwrap(client.GET('/'));
const url = process.env.SOCIALHUB_WEBHOOK_URL ?? 'https://example.com/webhook';
const hook = await setWebhook(client, { url, secret: process.env.SOCIALHUB_WEBHOOK_SECRET ?? '' });
if (hook.status === 422) throw new Error(`webhook test failed: ${hook.error.data}`);

const interaction = { networkItemId: `comment-${Date.now()}`, message: 'Can someone help me?' };
const ticket = await unwrap(createTicket(client, interaction));
console.log(channel.name, ticket._id, client.rateLimit); // … { limit: 1000, remaining: 997 }
