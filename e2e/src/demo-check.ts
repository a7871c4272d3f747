import type { DemoStack } from './demo-stack.js';
import { DemoError } from './errors.js';

const fail = (message: string): never => {
  throw new DemoError('check_failed', message);
};

/** Polls `read` until it returns a value (not `undefined`), at most `timeoutMs`. */
async function waitFor<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return fail(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A call to API2 as a community manager (a user token from the mock), as SocialHub's web app makes it. */
async function api2(
  mock: DemoStack['mock'],
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const { accessToken } = await mock.control.createUser();
  const url = new URL(`/api2${path}`, mock.url);
  url.searchParams.set('accesstoken', accessToken);
  return fetch(url, {
    method,
    redirect: 'manual',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
}

async function get(url: string, what: string): Promise<{ type: string; body: string }> {
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200) fail(`${what} answered ${response.status}`);
  return { type: response.headers.get('content-type') ?? '', body };
}

/**
 * Checks a running demo end to end without a browser, as `pnpm run main -- --check` does: the
 * webhook test request passed, both pages are served, a form post becomes a ticket, a reply made in
 * the Inbox reaches the example and comes back as the follow-up ticket, and "Add Channel" connects
 * a channel and sends the customer back. Resolves to one line per check; throws `DemoError`.
 * @example
 * const demo = await startDemo({ socialHubPort: 0, examplePort: 0 });
 * for (const line of await checkDemo(demo)) console.log(line);
 */
export async function checkDemo(demo: DemoStack): Promise<string[]> {
  const { mock, app, channelId, urls } = demo;
  const passed: string[] = [];

  const [test] = await mock.control.deliveries({ channelId, kind: 'test' });
  if (test?.outcome !== 'delivered')
    fail(`the webhook test request was not delivered (${test?.outcome ?? 'none sent'})`);
  passed.push('the manifest is set: the webhook test request passed');

  const ui = await get(urls.app, 'the SocialHub UI (/app/)');
  if (!ui.type.startsWith('text/html')) fail(`the SocialHub UI is ${ui.type}, not HTML`);
  const form = await get(urls.contactForm, 'the contact form');
  if (!form.body.includes('data-testid="contact-form"')) fail('the contact form has no form');
  passed.push('the SocialHub UI and the contact form are served');

  const posted = await fetch(`${app.url}/contact`, {
    method: 'POST',
    body: new URLSearchParams({
      name: 'Demo check',
      email: 'demo-check@example.com',
      message: 'Is the demo working?',
    }),
  });
  const thanks = await posted.text();
  const ticketId = /data-testid="ticket-id"[^>]*>([^<]+)</.exec(thanks)?.[1];
  if (posted.status !== 200 || !ticketId)
    fail(`posting the contact form answered ${posted.status} without a ticket id`);
  const tickets = await mock.control.listTickets({ channelId });
  if (!tickets.some((t) => t._id === ticketId)) fail('the posted ticket is not in the Inbox');
  passed.push('a contact-form post became an Inbox ticket');

  const performed = await api2(mock, 'POST', `/inbox/tickets/${ticketId}/actions/reply`, {
    text: 'Yes, it works.',
  });
  if (performed.status !== 201) fail(`performing the reply answered ${performed.status}`);
  await mock.control.settleDeliveries();
  const followUp = await waitFor('the follow-up ticket of the reply', async () =>
    (await mock.control.listTickets({ channelId })).find(
      (t) => t.followupTo?.followupToId === ticketId,
    ),
  );
  if (followUp.interaction.message !== 'Yes, it works.')
    fail('the follow-up ticket does not hold the reply');
  passed.push('a reply reached the example, which confirmed it: the follow-up ticket appeared');

  const before = (await mock.control.state()).channels.length;
  const added = await api2(
    mock,
    'GET',
    `/manifests/${demo.reusableManifestId}/callbacks/channelCreation`,
  );
  const redirectUrl =
    added.headers.get('location') ?? fail(`"Add Channel" answered ${added.status}`);
  // The redirect URL holds the temporary token: never print it.
  const callback = await fetch(redirectUrl, { redirect: 'manual' });
  if (callback.status !== 303) fail(`the "Add Channel" callback answered ${callback.status}`);
  if (!callback.headers.get('location')?.startsWith(mock.url))
    fail('the "Add Channel" callback did not send the customer back to SocialHub');
  if ((await mock.control.state()).channels.length !== before + 1)
    fail('"Add Channel" connected no channel');
  passed.push('"Add Channel" connected a channel and sent the customer back');
  return passed;
}
