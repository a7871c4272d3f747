/**
 * What the harness sends to a quick start that turns out to be a server (it listens on PORT
 * instead of exiting). Each probe is a small ES module run with the same Node in the consumer
 * project, importing only the installed packages; it exits non-zero when the server answers wrong.
 * A server quick start without a probe passes when it starts listening and keeps running.
 */

/** Probe module sources by package name. */
export const probes: Record<string, string> = {
  // A signed delivery (made with the package's own testing helper) must be answered 200 with
  // the challenge; the same body with a broken signature must not be.
  '@socialhub/webhook-kit': `
import { createTestDelivery, createTestEvent } from '@socialhub/webhook-kit/testing';

const url = \`http://127.0.0.1:\${process.env.PORT}/\`;
const delivery = await createTestDelivery({
  secret: process.env.SOCIALHUB_WEBHOOK_SECRET,
  events: { channel_action: [createTestEvent('channel_action.disabled')] },
});
const ok = await fetch(delivery.toRequest(url));
const challenge = ok.headers.get('x-socialhub-challenge');
if (ok.status !== 200 || challenge !== delivery.challenge) {
  console.error(\`probe: a signed delivery got \${ok.status}, challenge \${challenge ? 'wrong' : 'missing'}\`);
  process.exit(1);
}
const headers = { ...delivery.headers, 'x-socialhub-signature': '0'.repeat(64) };
const forged = await fetch(url, { method: 'POST', body: delivery.rawBody, headers });
if (forged.status < 400) {
  console.error(\`probe: a delivery with a wrong signature got \${forged.status}\`);
  process.exit(1);
}
console.log('probe: signed delivery answered with its challenge, forged one refused');
`,
};
