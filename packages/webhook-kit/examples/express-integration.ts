/**
 * A SocialHub integration endpoint on Express 5: the webhook and the templates callback (the
 * channel callbacks are in `@socialhub/integration`). Run: SOCIALHUB_WEBHOOK_SECRET=... tsx examples/express-integration.ts
 */

import { createTemplatesHandler, createWebhookHandler } from '@socialhub/webhook-kit';
import { createExpressHandler } from '@socialhub/webhook-kit/express';
import express from 'express';

const secret = process.env.SOCIALHUB_WEBHOOK_SECRET ?? '';

const webhooks = createWebhookHandler({
  secret,
  on: {
    'ticket_action.reply': async (event, { channelId }) => {
      console.log(`publish reply ${event.payload.followupId} on ${channelId}:`, event.payload.text);
    },
    'ticket_action.template_reply': (event) => {
      console.log(`publish template ${event.payload.networkId}`, event.payload.variables);
    },
    'channel_action.disabled': (event) => console.log(`channel ${event.channelId} disabled`),
  },
  onUnknown: (_event, { eventType }) => console.warn(`skipping unknown event ${eventType}`),
  onError: (error) => console.error(error.code, error.message, error.cause),
});

const templates = createTemplatesHandler({
  secret,
  templates: () => [
    {
      name: 'Greeting',
      networkId: 'greeting',
      variables: { firstName: { type: 'string', minLength: 2, maxLength: 12 } },
      text: { en: 'Hello {{firstName}}', de: 'Hallo {{firstName}}' },
    },
  ],
});

const app = express();
app.post('/socialhub/webhook', createExpressHandler(webhooks));
app.get('/socialhub/templates', createExpressHandler(templates));
app.use(express.json()); // only after the SocialHub routes
app.listen(3000, () => console.log('listening on :3000'));
