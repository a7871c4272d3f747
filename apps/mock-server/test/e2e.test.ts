import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicClient, unwrap } from '@socialhub/client';
import {
  confirmReply,
  createChannel,
  createTicket,
  setInbox,
  setWebhook,
} from '@socialhub/client/integration';
import { createWebhookHandler } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../src/index.js';
import { label, performAction, SECRET, startAddChannel } from './helpers.js';

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('the integration loop end to end (@socialhub/client + @socialhub/webhook-kit)', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  const start = async () => {
    const mock = await createMockServer({
      webhooks: { batchWindowMs: 5, retryDelaysMs: [20], timeoutMs: 2000 },
    });
    closers.push(() => mock.close());
    return mock;
  };

  /** An integration: a webhook that publishes replies and confirms them with the client. */
  const integration = async (mock: MockServer, accessToken: string) => {
    const client = createPublicClient({ accessToken, baseUrl: mock.url });
    const confirmed: Array<Promise<unknown>> = [];
    let published = 0;
    const webhooks = createWebhookHandler({
      secret: SECRET,
      on: {
        'ticket_action.reply': (event) => {
          // "Publish" the reply on the network, then tell SocialHub it worked.
          published++;
          const done = unwrap(
            confirmReply(client, {
              ticketId: event.ticketId,
              followupId: event.payload.followupId,
              interaction: {
                networkItemId: `reply-${event.payload.followupId}`,
                url: 'https://network.example/r/1',
              },
            }),
          );
          confirmed.push(done);
          return done;
        },
      },
      onError: (error) => {
        throw error;
      },
    });
    const server = createServer(createNodeHandler(webhooks));
    const url = await listen(server);
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    return { client, webhookUrl: `${url}/webhook`, confirmed, published: () => published };
  };

  it('custom channel → webhook with its test request → tickets → a user replies → signed webhook → success → follow-up ticket', async () => {
    const mock = await start();
    const { channel, accessToken } = await mock.control.createChannel({
      name: 'Contact form',
      networkId: 'cf-1',
    });
    const app = await integration(mock, accessToken);

    const hook = await setWebhook(app.client, { url: app.webhookUrl, secret: SECRET });
    expect(hook.status).toBe(200);
    expect((await mock.control.deliveries({ kind: 'test' }))[0]?.outcome).toBe('delivered');
    await unwrap(
      setInbox(app.client, {
        ticketActions: [{ type: 'reply', id: 'reply', label: label('Reply') }],
        rightSidebar: [],
      }),
    );

    const question = await unwrap(
      createTicket(app.client, {
        networkItemId: 'question-000001',
        message: 'Can someone help me?',
        interactor: { interactorId: 'u-1', name: 'Anna' },
      }),
    );
    await unwrap(
      createTicket(app.client, {
        networkItemId: 'question-000002',
        message: 'Another one',
        root: { rootId: 'thread-000001' },
      }),
    );
    const repeat = await createTicket(app.client, {
      networkItemId: 'question-000001',
      message: 'again',
    });
    expect(repeat.status).toBe(409);
    expect(app.client.rateLimit?.limit).toBe(1000);

    const { followupId } = await performAction(mock, question._id, 'reply', {
      text: 'Sure, how can we help?',
    });
    await mock.control.settleDeliveries();
    // webhook-kit answers at once and runs the handler after the answer.
    for (let i = 0; i < 200 && app.confirmed.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    await Promise.all(app.confirmed);
    expect(app.published()).toBe(1);

    const [delivery] = await mock.control.deliveries({ channelId: channel._id, kind: 'events' });
    expect(delivery?.outcome).toBe('delivered');
    const tickets = await mock.control.listTickets({ channelId: channel._id });
    const followUp = tickets.find((t) => t.followupTo?.followupToId === question._id);
    expect(followUp).toMatchObject({
      interaction: {
        networkItemId: `reply-${followupId}`,
        message: 'Sure, how can we help?',
        url: 'https://network.example/r/1',
      },
      isUnread: false,
    });
    expect(tickets.find((t) => t._id === question._id)?.actions[0]).toMatchObject({
      followupId,
      status: 'published',
      replyTicketId: followUp?._id,
    });
  });

  it('reusable manifest → "Add Channel" → the integration page creates the channel with the temporary token', async () => {
    const mock = await start();
    const created: string[] = [];
    // The integration's "Add Channel" page, by hand (webhook-kit's channel callbacks moved to
    // @socialhub/integration, which depends on this package): it creates the channel with the
    // temporary token and sends the customer back to the token's origin.
    const page = async (token: string) => {
      const { origin } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
      if (new URL(origin).origin !== mock.url) throw new Error(`unexpected origin ${origin}`);
      const client = createPublicClient({ accessToken: 'unused-until-created', baseUrl: mock.url });
      const result = await createChannel(client, {
        token,
        channel: { name: 'Shop reviews', uniqueName: 'Shop reviews (shop-1)', networkId: 'shop-1' },
      });
      if (result.status !== 201) throw new Error(`POST /channels answered ${result.status}`);
      created.push(result.data.endpoint?.accessToken ?? '');
      return origin as string;
    };
    const server = createServer((req, res) => {
      const token = new URL(req.url ?? '/', 'http://page').searchParams.get('token') ?? '';
      page(token).then(
        (origin) => res.writeHead(303, { location: origin }).end(),
        () => res.writeHead(400).end(),
      );
    });
    const pageUrl = await listen(server);
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const manifest = await mock.control.createManifest({
      name: 'Shop reviews',
      manifest: { callbacks: { channelCreation: `${pageUrl}/add-channel` } },
    });

    const { redirectUrl } = await startAddChannel(mock, manifest._id as string);
    const response = await fetch(redirectUrl, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${mock.url}/app/#/channels`);
    expect(created).toHaveLength(1);
    const client = createPublicClient({ accessToken: created[0] ?? '', baseUrl: mock.url });
    const info = await unwrap(client.GET('/'));
    expect(info.channel).toMatchObject({ name: 'Shop reviews', networkId: 'shop-1' });
    expect(info.manifest).toBeUndefined();
  });
});
