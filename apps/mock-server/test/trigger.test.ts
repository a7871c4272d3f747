import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unwrap } from '@socialhub/client';
import { confirmReply } from '@socialhub/client/integration';
import { createTemplatesHandler, createWebhookHandler } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTrigger } from '../src/cli/trigger/command.js';
import { createMockServer, type MockServer } from '../src/index.js';
import { call, label, SECRET } from './helpers.js';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);

describe('socialhub-mock trigger, against a running mock', () => {
  let mock: MockServer;
  let server: Server;
  let accessToken = '';
  let channelId = '';
  let ticketId = '';
  let isDown = false;

  beforeAll(async () => {
    mock = await createMockServer({ webhooks: 'fast', demoChannel: true, ui: false });
    const demo = mock.demo;
    if (!demo) throw new Error('no demo channel');
    accessToken = demo.accessToken;
    channelId = demo.channel._id;
    const webhooks = createWebhookHandler({
      secret: SECRET,
      on: {
        'ticket_action.reply': (event) =>
          unwrap(
            confirmReply(mock.publicClient(accessToken), {
              ticketId: event.ticketId,
              followupId: event.payload.followupId,
              interaction: { networkItemId: `reply-${event.payload.followupId}` },
            }),
          ),
        'ticket_action.template_reply': (event) =>
          unwrap(
            confirmReply(mock.publicClient(accessToken), {
              ticketId: event.ticketId,
              followupId: event.payload.followupId,
              interaction: { networkItemId: `tpl-${event.payload.followupId}` },
            }),
          ),
        'ticket_action.button': async (event) => {
          await unwrap(
            mock.publicClient(accessToken).POST('/inbox/tickets/{ticketId}/reset/{actionId}', {
              params: { path: { ticketId: event.ticketId, actionId: event.actionId } },
              body: { reason: 'The CRM is down' },
            }),
          );
        },
      },
    });
    const templates = createTemplatesHandler({
      secret: SECRET,
      templates: () => [
        {
          name: 'Order shipped',
          networkId: 'order-shipped',
          variables: { orderId: { type: 'string' } },
          text: {
            en: 'Order {{orderId}} is on its way',
            de: 'Bestellung {{orderId}} ist unterwegs',
          },
        },
      ],
    });
    const hooks = createNodeHandler(webhooks);
    const templatesNode = createNodeHandler(templates);
    server = createServer((req, res) => {
      if (isDown) {
        req.resume();
        res.writeHead(503).end();
      } else if (req.url?.startsWith('/templates')) templatesNode(req, res);
      else hooks(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const set = await call(mock, 'PATCH', '/manifest', {
      token: accessToken,
      body: {
        webhook: { url: `${base}/webhook`, secret: SECRET },
        inbox: {
          ticketActions: [
            { type: 'reply', id: 'reply', label: label('Reply') },
            {
              type: 'template_reply',
              id: 'template',
              label: label('Template'),
              config: { templates: { url: `${base}/templates` } },
            },
            { type: 'button', id: 'crm', label: label('Send to CRM') },
            { type: 'delete', id: 'delete', label: label('Delete') },
          ],
        },
      },
    });
    if (set.status !== 200) throw new Error(JSON.stringify(set.body));
    const ticket = await call(mock, 'POST', '/inbox/tickets', {
      token: accessToken,
      body: { interaction: { networkItemId: 'question-000001', message: 'Where is my order?' } },
    });
    ticketId = ticket.body._id;
  });
  afterAll(async () => {
    await mock.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const trigger = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTrigger([...args, '--url', mock.url], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: {},
      fetch,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('reply --wait: the integration confirms it, the follow-up ticket is named (newest ticket of the demo channel by default)', async () => {
    const { code, out } = await trigger('reply', '--text', 'It ships today', '--wait');
    expect(out).toMatch(
      new RegExp(`^reply "reply" performed on ticket ${ticketId}: ticket_action event \\S+ queued`),
    );
    expect(out).toMatch(/succeeded: the integration confirmed it; follow-up ticket [0-9a-f]{24}/);
    expect(code).toBe(0);
    const json = await trigger(
      'reply',
      '--text',
      'Again',
      '--wait',
      '--json',
      '--ticket',
      ticketId,
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      action: 'reply',
      channelId,
      ticketId,
      actionId: 'reply',
      followupId: expect.any(String),
      outcome: { outcome: 'succeeded', status: 'published' },
    });
  });

  it('template-reply with variables, fetched from the integration with a signed GET', async () => {
    const { code, out } = await trigger(
      'template-reply',
      '--template',
      'order-shipped',
      '--var',
      'orderId=1234',
      '--language',
      'de',
      '--wait',
      '--json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      event: {
        type: 'template_reply',
        payload: { networkId: 'order-shipped', variables: { orderId: '1234' }, language: 'de' },
      },
      outcome: { outcome: 'succeeded' },
    });
    const unknown = await trigger('template-reply', '--template', 'nope').catch((e) => e);
    expect(unknown.message).toMatch(/no template "nope"; the integration offers: order-shipped/);
  });

  it("button --wait exits 1 with the integration's reason", async () => {
    const { code, out } = await trigger('button', '--action', 'crm', '--wait');
    expect(out).toMatch(/failed: The CRM is down/);
    expect(code).toBe(1);
  });

  it('delete --wait succeeds once delivered and not reset; --user-token acts as that user', async () => {
    const { accessToken: userToken } = await mock.control.createUser({ firstName: 'Dana' });
    const usersBefore = (await mock.control.state()).users.length;
    const { code, out } = await trigger('delete', '--wait', '--user-token', userToken);
    expect(out).toMatch(/^delete "delete" performed on ticket/);
    expect(out).toMatch(/\nsucceeded/);
    expect(code).toBe(0);
    expect((await mock.control.state()).users).toHaveLength(usersBefore); // no user made
    const refused = await trigger('delete', '--user-token', 'not-a-token');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/401 AccessTokenInvalidError/);
    expect(refused.err).not.toContain('not-a-token');
  });

  it('says what it saw when the outcome does not come in time', async () => {
    isDown = true;
    try {
      const { code, out } = await trigger('reply', '--text', 'Hello?', '--wait', '--timeout', '5');
      expect(code).toBe(1);
      expect(out).toMatch(/no outcome within 5 ms; seen: reply "reply" still pending/);
    } finally {
      isDown = false;
      await mock.control.settleDeliveries();
    }
  });

  it('disable --wait, reactivate and renew-token, as the customer does', async () => {
    const disabled = await trigger('disable', '--wait');
    expect(disabled.out).toMatch(/disabled: its token no longer works/);
    expect(disabled.out).toMatch(/the channel_action delivery \S+: delivered/);
    expect(disabled.code).toBe(0);
    expect((await call(mock, 'GET', '/', { token: accessToken })).status).toBe(403);
    const refused = await trigger('reply', '--text', 'x');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^@socialhub\/mock-server: 403 ChannelDeactivated/);
    const reactivated = await trigger('reactivate', '--channel', channelId);
    expect(reactivated.out).toMatch(/reactivated/);
    expect((await call(mock, 'GET', '/', { token: accessToken })).status).toBe(200);

    const renewed = await trigger('renew-token', '--json');
    const { accessToken: next } = JSON.parse(renewed.out);
    expect(next).toMatch(/^eyJ/);
    expect((await call(mock, 'GET', '/', { token: accessToken })).status).toBe(401);
    expect((await call(mock, 'GET', '/', { token: next })).status).toBe(200);
    accessToken = next;
  });

  it('refuses what it cannot do, with exit code 2 for usage and 1 when the mock is not there (the built CLI)', async () => {
    const usage = async (...args: string[]) => {
      const failed = await run(process.execPath, [
        cli,
        'trigger',
        ...args,
        '--url',
        mock.url,
      ]).catch((e) => e);
      return { code: failed.code ?? 0, stderr: String(failed.stderr ?? '') };
    };
    expect(await usage('shout')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown action "shout"/),
    });
    expect((await usage('reply')).stderr).toMatch(/reply needs --text/);
    expect((await usage('reply', '--text', 'x', '--ticket', 'nope')).stderr).toMatch(
      /no ticket nope/,
    );
    expect((await usage('button', '--action', 'reply')).stderr).toMatch(
      /"reply" is a reply, not a button/,
    );
    expect((await usage('disable', '--template', 'x')).stderr).toMatch(
      /--template is for template-reply/,
    );
    expect((await usage('reply', '--text', 'x', '--timeout', 'soon')).code).toBe(2);
    const help = await run(process.execPath, [cli, 'trigger', '--help']);
    expect(help.stdout).toMatch(/renew-token/);
    const dead = await run(process.execPath, [
      cli,
      'trigger',
      'disable',
      '--url',
      'http://127.0.0.1:1',
    ]).catch((e) => e);
    expect(dead.code).toBe(1);
    expect(dead.stderr).toMatch(/no mock answers at http:\/\/127\.0\.0\.1:1/);
  });
});
