import { execFile, spawn } from 'node:child_process';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ChannelActionEventSchema, TicketActionEventSchema } from '@socialhub/schema/public/zod';
import { WebhookDeliverySchema } from '@socialhub/schema/webhooks/zod';
import { createWebhookHandler } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../src/cli/check-webhook/checks.js';
import { runCheckWebhook } from '../src/cli/check-webhook/command.js';
import {
  envelope,
  fixtureIds,
  largeEvents,
  sampleEvents,
} from '../src/cli/check-webhook/fixtures.js';
import { runWebhookChecks, WebhookCheckError, type WebhookCheckReport } from '../src/index.js';
import { SECRET } from './helpers.js';

const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const run = promisify(execFile);

/** One thing a receiver gets wrong. */
type Defect =
  | 'none'
  | 'no-signature-check'
  | 'signature-optional'
  | 'no-timestamp-check'
  | 'no-challenge'
  | 'small-body-limit'
  | 'fails-on-unknown-events'
  | 'rejects-duplicates'
  | 'slow'
  | 'text-body'
  | 'test-request-204';

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

/**
 * A receiver written by hand, as an integration in another language would be (node:crypto, no
 * webhook-kit): correct with `none`, and each other defect breaks exactly one rule.
 */
function handWritten(defect: Defect) {
  const seen = new Set<string>();
  return async (req: IncomingMessage, res: ServerResponse) => {
    const limit = defect === 'small-body-limit' ? 100 * 1024 : 1024 * 1024;
    const body = await readBody(req);
    const answer = (status: number, headers: Record<string, string> = {}, text = '{}') => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(text);
    };
    if (body.length > limit) return answer(413);
    const timestamp = String(req.headers['x-socialhub-timestamp'] ?? '');
    const signature = String(req.headers['x-socialhub-signature'] ?? '');
    if (!timestamp) return answer(401);
    if (defect !== 'no-timestamp-check' && Math.abs(Date.now() - Number(timestamp)) > 5 * 60_000)
      return answer(401);
    const challenge = createHash('sha256').update(`${timestamp};${SECRET}`).digest('hex');
    const expected = createHmac('sha256', challenge).update(body).digest('hex');
    const isSignatureRight =
      signature.length === expected.length &&
      timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    const isAccepted =
      defect === 'no-signature-check' ||
      isSignatureRight ||
      (defect === 'signature-optional' && signature === '');
    if (!isAccepted) return answer(401);
    const delivery = JSON.parse(body.toString('utf8')) as {
      events: Record<string, Array<{ uuid?: string; type?: string }>>;
    };
    const groups = Object.keys(delivery.events);
    if (defect === 'test-request-204' && groups.length === 0) {
      res.writeHead(204, { 'x-socialhub-challenge': challenge });
      return res.end();
    }
    if (defect === 'fails-on-unknown-events') {
      const known = ['ticket_action', 'channel_action'];
      const types = ['reply', 'template_reply', 'button', 'delete', 'disabled'];
      const events = Object.entries(delivery.events);
      if (
        events.some(
          ([group, list]) =>
            !known.includes(group) || list.some((e) => !types.includes(e.type ?? '')),
        )
      )
        return answer(500);
    }
    if (defect === 'rejects-duplicates') {
      const uuids = Object.values(delivery.events)
        .flat()
        .map((e) => e.uuid ?? '');
      if (uuids.some((uuid) => seen.has(uuid))) return answer(409);
      for (const uuid of uuids) seen.add(uuid);
    }
    if (defect === 'slow') await new Promise((resolve) => setTimeout(resolve, 150));
    if (defect === 'text-body') {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-socialhub-challenge': challenge });
      return res.end('OK');
    }
    answer(200, defect === 'no-challenge' ? {} : { 'x-socialhub-challenge': challenge });
  };
}

const listen = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook?apikey=k-123`,
  };
};

const check = async (url: string, extra: string[] = []) => {
  const out: string[] = [];
  const code = await runCheckWebhook([url, '--secret', SECRET, '--json', ...extra], {
    out: (line) => out.push(line),
    env: {},
    fetch,
  });
  return { code, report: JSON.parse(out.join('\n')) as WebhookCheckReport };
};

const failedIds = (report: WebhookCheckReport) =>
  report.checks.filter((c) => !c.passed).map((c) => c.id);

describe('socialhub-mock check-webhook', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });
  const start = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    const { server, url } = await listen(handler);
    servers.push(server);
    return url;
  };

  let kitUrl = '';
  beforeAll(async () => {
    // The reference receiver: @socialhub/webhook-kit's router on node:http.
    const webhooks = createWebhookHandler({
      secret: SECRET,
      on: { 'ticket_action.reply': () => {} },
    });
    kitUrl = await start(createNodeHandler(webhooks));
  });

  it('sends one valid event of every type the contract defines, in valid envelopes', () => {
    const ids = fixtureIds();
    const samples = sampleEvents(ids, Date.now());
    // Every ticket action type of the contract has a sample, and the channel_action one too.
    const events = Object.values(samples).map((s) => s.event);
    for (const option of TicketActionEventSchema.options)
      expect(events.some((event) => option.safeParse(event).success)).toBe(true);
    expect(events.some((event) => ChannelActionEventSchema.safeParse(event).success)).toBe(true);
    for (const { group, event } of Object.values(samples))
      expect(
        WebhookDeliverySchema.safeParse(JSON.parse(envelope(ids, { [group]: [event] }))).success,
      ).toBe(true);
    const large = envelope(ids, largeEvents(ids, Date.now()));
    expect(WebhookDeliverySchema.safeParse(JSON.parse(large)).success).toBe(true);
    expect(Buffer.byteLength(large)).toBeGreaterThan(500 * 1024);
    expect(Buffer.byteLength(large)).toBeLessThan(1024 * 1024);
  });

  it('passes a receiver built with @socialhub/webhook-kit, and a correct hand-written one (exit 0)', async () => {
    for (const url of [kitUrl, await start(handWritten('none'))]) {
      const { code, report } = await check(url);
      expect(failedIds(report), url).toEqual([]);
      expect(code).toBe(0);
      expect(report.checks).toHaveLength(CHECKS.length);
      expect(report.url).toMatch(/\/webhook\?apikey=\[redacted\]$/);
    }
  });

  it.runIf(existsSync('/usr/bin/python3'))(
    'passes a receiver written in Python (whatever the language)',
    async () => {
      const child = spawn(
        '/usr/bin/python3',
        [fileURLToPath(new URL('./fixtures/python-receiver.py', import.meta.url))],
        {
          env: { PATH: process.env.PATH ?? '', SOCIALHUB_WEBHOOK_SECRET: SECRET },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      try {
        const port = await new Promise<string>((resolve, reject) => {
          child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
          child.once('exit', (code) => reject(new Error(`python3 exited with ${code}`)));
        });
        const { code, report } = await check(`http://127.0.0.1:${port}/webhook`);
        expect(failedIds(report)).toEqual([]);
        expect(code).toBe(0);
      } finally {
        child.kill();
      }
    },
  );

  const defects: Array<[Defect, string[], RegExp]> = [
    [
      'no-signature-check',
      ['forged-wrong-signature', 'forged-missing-signature', 'forged-body-changed'],
      /anyone who can reach your URL/,
    ],
    ['signature-optional', ['forged-missing-signature'], /forged or replayed events/],
    [
      'no-timestamp-check',
      ['forged-stale-timestamp', 'forged-future-timestamp'],
      /answered 200 to a forged request/,
    ],
    [
      'no-challenge',
      CHECKS.filter((c) => c.kind === 'genuine').map((c) => c.id),
      /remove your webhook/,
    ],
    ['small-body-limit', ['large-body'], /retry the delivery a few times, then discard/],
    ['fails-on-unknown-events', ['unknown-event'], /answered 500, not 2xx/],
    ['rejects-duplicates', ['duplicate'], /answered 409/],
    [
      'text-body',
      CHECKS.filter((c) => c.kind === 'genuine').map((c) => c.id),
      /must be JSON|to be JSON/,
    ],
    ['test-request-204', ['test-request'], /PATCH \/manifest answers 422 WebhookValidationError/],
  ];
  it.each(defects)('fails a receiver with one defect: %s', async (defect, expected, socialhub) => {
    const { code, report } = await check(await start(handWritten(defect)));
    expect(failedIds(report)).toEqual(expected);
    expect(code).toBe(1);
    expect(report.passed).toBe(false);
    const last = report.checks.filter((c) => !c.passed).at(-1);
    expect(`${last?.finding?.problem} ${last?.finding?.socialhub}`).toMatch(socialhub);
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it('is a library function too, which refuses bad options without quoting the secret', async () => {
    const report = await runWebhookChecks({ url: kitUrl, secret: SECRET, only: ['batch'] });
    expect(report).toMatchObject({ passed: true, checks: [{ id: 'batch', passed: true }] });
    for (const options of [
      { url: 'ftp://x', secret: SECRET },
      { url: kitUrl, secret: 'short' },
      { url: kitUrl, secret: SECRET, maxMs: -1 },
      { url: kitUrl, secret: SECRET, only: ['nope'] },
    ]) {
      const error = await runWebhookChecks(options).catch((e) => e);
      expect(error).toBeInstanceOf(WebhookCheckError);
      expect(error.code).toBe('WebhookCheckInputError');
      expect(error.message).not.toContain(SECRET);
    }
  });

  it('grades the time to answer against --max-ms', async () => {
    const url = await start(handWritten('slow'));
    const { code, report } = await check(url, [
      '--max-ms',
      '100',
      '--only',
      'test-request,forged-wrong-signature',
    ]);
    expect(failedIds(report)).toEqual(['test-request']);
    expect(report.checks[0]?.finding?.problem).toMatch(/answered in \d+ ms \(more than 100 ms\)/);
    expect(report.slowestMs).toBeGreaterThanOrEqual(150);
    expect(code).toBe(1);
    expect((await check(url, ['--max-ms', '5000', '--only', 'test-request'])).code).toBe(0);
  });

  it('says when nothing answers, and refuses bad usage with exit code 2 (the built CLI)', async () => {
    const dead = await listen(() => {});
    await new Promise((resolve) => dead.server.close(resolve));
    const { code, report } = await check(dead.url, [
      '--only',
      'test-request,forged-stale-timestamp',
    ]);
    expect(code).toBe(1);
    expect(report.checks[0]?.finding?.problem).toMatch(/^no answer: .*ECONNREFUSED/);
    expect(report.checks[1]?.passed).toBe(true); // no 2xx to a forged request

    const text = await run(process.execPath, [cli, 'check-webhook', kitUrl], {
      env: { ...process.env, SOCIALHUB_WEBHOOK_SECRET: SECRET },
    });
    expect(text.stdout).toMatch(
      /^check-webhook http:\/\/127\.0\.0\.1:\d+\/webhook\?apikey=\[redacted\]: 16 checks/,
    );
    expect(text.stdout).toMatch(/All 16 checks passed/);
    expect(text.stdout).not.toContain(SECRET);
    const failing = await run(process.execPath, [
      cli,
      'check-webhook',
      await start(handWritten('no-challenge')),
      '--secret',
      SECRET,
    ]).catch((e) => e);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/FAIL {2}event-ticket-action-reply/);
    expect(failing.stdout).not.toContain(SECRET);
    for (const args of [
      [],
      ['not a url', '--secret', SECRET],
      [kitUrl, '--secret', 'short'],
      [kitUrl, '--secret', SECRET, '--only', 'nope'],
      [kitUrl],
    ]) {
      const bad = await run(process.execPath, [cli, 'check-webhook', ...args], {
        env: { PATH: process.env.PATH ?? '' },
      }).catch((e) => e);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(/^@socialhub\/mock-server: /);
    }
    expect((await run(process.execPath, [cli, 'check-webhook', '--help'])).stdout).toMatch(
      /forged-body-changed/,
    );
    // A secret given where an option is expected is not repeated in the usage error.
    const dashed = `-${SECRET}`;
    const leaked = await run(process.execPath, [
      cli,
      'check-webhook',
      kitUrl,
      '--secret',
      dashed,
    ]).catch((e) => e);
    expect(leaked.code).toBe(2);
    expect(leaked.stderr).not.toContain(SECRET);
  }, 90_000); // starts the built CLI eight times: slow on a loaded machine
});
