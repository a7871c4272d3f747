import { createPublicClient, unwrap } from '@socialhub/client';
import { confirmReply, createTicket, setWebhook } from '@socialhub/client/integration';

const client = createPublicClient({ accessToken: process.env.SOCIALHUB_TOKEN ?? '' });
const secret = process.env.SOCIALHUB_WEBHOOK_SECRET ?? '';

const hook = await setWebhook(client, { url: 'https://example.com/webhook', secret });
if (hook.status === 422) throw new Error(`webhook test failed: ${hook.error.data}`);

const interaction = { networkItemId: 'comment-000042', message: 'Can someone help me?' };
const ticket = await unwrap(createTicket(client, interaction));
const followupId = 'f5f75b50-6764-11e9-9ce6-3507264c7519'; // from a `reply` webhook event
const reply = { networkItemId: 'reply-000043' }; // the reply as published on the network
await confirmReply(client, { ticketId: ticket._id, followupId, interaction: reply });
console.log(ticket._id, client.rateLimit); // '5eb4…' { limit: 1000, remaining: 997 }
