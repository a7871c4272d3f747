import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDelivery } from '@socialhub/webhook-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContactFormError,
  createContactFormApp,
  MAX_MESSAGE_LENGTH,
  parseContactForm,
} from '../src/index.js';
import {
  postForm,
  SECRET,
  type Stack,
  startMock,
  startStack,
  testId,
  ticketsOf,
} from './helpers.js';

describe('bad input', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const noTickets = async () => expect(await ticketsOf(stack.mock, stack.channelId)).toEqual([]);

  it('answers an invalid form with 400, the fields marked and kept, and creates nothing', async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{}, ['name', 'email', 'message']],
      [{ name: '  ', email: 'anna@example.com', message: 'Hi' }, ['name']],
      [{ name: 'Anna', email: 'not-an-email', message: 'Hi' }, ['email']],
      [{ name: 'Anna', email: 'anna@example.com', message: '   ' }, ['message']],
      [{ name: 'x'.repeat(101), email: 'anna@example.com', message: 'Hi' }, ['name']],
      [
        { name: 'Anna', email: 'anna@example.com', message: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) },
        ['message'],
      ],
    ];
    for (const [fields, invalid] of cases) {
      const { status, html } = await postForm(stack.app, fields);
      expect(status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(testId(html, 'form-errors')).toBe('Please correct the marked fields.');
      for (const name of ['name', 'email', 'message'])
        expect(html.includes(`data-testid="${name}-error"`), name).toBe(invalid.includes(name));
    }
    const { html } = await postForm(stack.app, {
      name: '<b>Anna</b>',
      email: 'x',
      message: 'Hi "there"',
    });
    expect(html).toContain('value="&#60;b&#62;Anna&#60;/b&#62;"');
    expect(html).toContain('Hi &#34;there&#34;</textarea>');
    expect(html).not.toContain('<b>Anna</b>');
    const channel = '0123456789abcdef01234567';
    const again = await postForm(stack.app, { name: '', email: 'x', message: 'Hi', channel });
    expect(again.html).toContain(`<input type="hidden" name="channel" value="${channel}">`);
    await noTickets();
  });

  it('refuses bodies that are not a form, or too large, and wrong methods and paths', async () => {
    const json = await fetch(`${stack.app.url}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Anna', email: 'anna@example.com', message: 'Hi' }),
    });
    expect(json.status).toBe(415);
    expect(testId(await json.text(), 'error-code')).toBe('unsupported_media_type');
    const huge = await fetch(`${stack.app.url}/contact`, {
      method: 'POST',
      body: new URLSearchParams({
        name: 'Anna',
        email: 'anna@example.com',
        message: 'x'.repeat(200_000),
      }),
    });
    expect(huge.status).toBe(413);
    const get = await fetch(`${stack.app.url}/contact`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await get.json()).toMatchObject({ code: 'method_not_allowed' });
    const missing = await fetch(`${stack.app.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
    await noTickets();
  });

  it('the webhook and the templates callback refuse unsigned or wrongly signed requests', async () => {
    const forged = await createTestDelivery({
      secret: 'another-secret-of-the-right-length-000000',
    });
    const webhook = await fetch(forged.toRequest(`${stack.app.url}/webhook`));
    expect(webhook.status).toBe(401);
    expect(await webhook.json()).toMatchObject({ code: 'invalid_signature' });
    const unsigned = await fetch(`${stack.app.url}/webhook`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(400);
    const templates = await fetch(`${stack.app.url}/templates?channelId=${stack.channelId}`);
    expect(templates.status).toBe(400);
    expect(await templates.json()).toMatchObject({ code: 'missing_header' });
  });

  it('shows a 502 page when SocialHub refuses the ticket, and logs why without the token', async () => {
    await fetch(`${stack.mock.url}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/inbox/tickets', status: 400, times: 1 }),
    });
    const { status, html } = await postForm(stack.app, {
      name: 'Anna',
      email: 'anna@example.com',
      message: 'Hi',
    });
    expect(status).toBe(502);
    expect(testId(html, 'error')).toBe('Message not sent');
    expect(stack.logs.at(-1)).toMatch(/^contact: POST \/inbox\/tickets answered 400/);
    expect(stack.logs.join('\n')).not.toContain(stack.accessToken);
    await noTickets();
  });

  it('posting to a channel it holds no token for is refused with 503', async () => {
    const { status, html } = await postForm(stack.app, {
      name: 'Anna',
      email: 'anna@example.com',
      message: 'Hi',
      channel: '0123456789abcdef01234567',
    });
    expect(status).toBe(503);
    expect(testId(html, 'error-code')).toBe('not_connected');
    await noTickets();
  });
});

/** A port nothing listens on (a server that was closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('options and helpers', () => {
  it('rejects bad options with ContactFormError, never echoing the token', async () => {
    const cases = [
      { webhookSecret: 'short' },
      { webhookSecret: SECRET, socialHubUrl: 'not a url' },
      { webhookSecret: SECRET, socialHubUrl: 'ftp://example.com' },
      { webhookSecret: SECRET, publicUrl: '/relative' },
      { webhookSecret: SECRET, accessToken: 'secret-token-value' },
    ];
    for (const options of cases) {
      const error = await createContactFormApp({ ...options, log: () => {} }).catch(
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(options)).toBeInstanceOf(ContactFormError);
      expect((error as ContactFormError).code).toBe('invalid_option');
      expect((error as Error).message).toMatch(/^@socialhub\/example-contact-form: /);
      expect((error as Error).message).not.toContain('secret-token-value');
    }
  });

  it('configureManifest without a token, or with a webhook SocialHub cannot reach, throws', async () => {
    const mock = await startMock();
    try {
      const app = await createContactFormApp({
        socialHubUrl: mock.url,
        webhookSecret: SECRET,
        log: () => {},
      });
      await expect(app.configureManifest()).rejects.toMatchObject({ code: 'invalid_option' });
      await app.close();

      const channel = await fetch(`${mock.url}/_mock/channels`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Unreachable' }),
      });
      const { accessToken } = (await channel.json()) as { accessToken: string };
      const unreachable = await createContactFormApp({
        socialHubUrl: mock.url,
        accessToken,
        webhookSecret: SECRET,
        publicUrl: `http://127.0.0.1:${await closedPort()}`,
        log: () => {},
      });
      const error = await unreachable.configureManifest().catch((e: unknown) => e);
      await unreachable.close();
      expect(error).toMatchObject({ code: 'webhook_test_failed' });
      expect((error as Error).message).toContain(`${unreachable.publicUrl}/webhook`);
      expect((error as Error).message).not.toContain(SECRET);
    } finally {
      await mock.close();
    }
  });

  it('parseContactForm trims, lower-cases the email and accepts only an ObjectId as channel', () => {
    const parsed = parseContactForm(
      new URLSearchParams({
        name: ' Anna ',
        email: ' Anna@Example.COM ',
        message: ' Hi ',
        channel: '../x',
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      input: { name: 'Anna', email: 'anna@example.com', message: 'Hi' },
    });
  });
});
