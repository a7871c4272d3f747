/**
 * The contributor path "add a webhook event type": a fixture contract (the real one plus
 * test/fixtures/extra-event-types.yaml) is regenerated, and its new event types are routed,
 * validated and typed with no hand edit anywhere in webhook-kit.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signDelivery } from '../src/core.js';
import { InvalidEventError, type WebhookKitError } from '../src/errors.js';
import { createRouter, type EventRoutes } from '../src/router.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Inside packages/schema, so that the generated modules resolve `zod` as the real ones do.
const work = join(root, 'packages/schema/.tmp/contract-fixture');
const generated = join(work, 'generated');
const secret = 'fixture-secret-of-at-least-32-characters';

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, walked along known paths
type Json = Record<string, any>;
type FixtureEvents = Record<
  'ticket_action.archive' | 'ticket_read' | 'ticket_action.reply',
  unknown
>;
interface Pipeline {
  runPipeline(options: {
    publicSpec: string;
  }): Promise<{ files: { path: string; content: string }[] }>;
}
interface Deps {
  loadDeps(): Promise<{
    yaml: { parse(text: string): unknown; stringify(value: unknown): string };
  }>;
}
// Imported by path at run time: the generator is not part of this package's type-check.
const importScript = <T>(path: string) => import(join(root, path)) as Promise<T>;

/** The real contract with the fixture's event types added, as a contributor would add them. */
function withExtraEventTypes(contract: Json, extra: Json): Json {
  const doc = structuredClone(contract);
  const schemas = doc.components.schemas;
  Object.assign(schemas, extra.schemas);
  for (const { union, value, schema } of extra.mappings) {
    const ref = `#/components/schemas/${schema}`;
    schemas[union].oneOf.push({ $ref: ref });
    schemas[union].discriminator.mapping[value] = ref;
  }
  for (const [group, schema] of Object.entries(extra.groups as Record<string, string>)) {
    schemas.WebhookEvents.properties[group] = {
      type: 'array',
      items: { $ref: `#/components/schemas/${schema}` },
    };
  }
  doc.webhooks.webhookDelivery.post.requestBody.content['application/json'].examples.fixture =
    extra.example;
  return doc;
}

let routes: EventRoutes<FixtureEvents>;
let routeTable: Json;

beforeAll(async () => {
  const { loadDeps } = await importScript<Deps>('packages/codegen/src/deps.ts');
  const { runPipeline } = await importScript<Pipeline>('packages/codegen/src/pipeline.ts');
  const { yaml } = await loadDeps();
  const contract = yaml.parse(await readFile(join(root, 'specs/socialhub-public.yaml'), 'utf8'));
  const extra = yaml.parse(
    await readFile(
      fileURLToPath(new URL('./fixtures/extra-event-types.yaml', import.meta.url)),
      'utf8',
    ),
  );
  await rm(work, { recursive: true, force: true });
  await mkdir(generated, { recursive: true });
  const spec = join(work, 'socialhub-public.yaml');
  await writeFile(spec, yaml.stringify(withExtraEventTypes(contract as Json, extra as Json)));
  const { files } = await runPipeline({ publicSpec: spec });
  for (const file of files.filter((f) => f.path.startsWith('packages/schema/src/generated/')))
    await writeFile(join(generated, file.path.split('/').pop() as string), file.content);
  const zod = await import(join(generated, 'webhooks.zod.gen.ts'));
  const table = await import(join(generated, 'webhooks.routes.gen.ts'));
  routes = { schemas: zod.webhookRouteSchemas, groups: table.webhookEventGroups };
  routeTable = table.webhookRoutes;
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function deliver(events: Json) {
  const handled: [string, unknown][] = [];
  const errors: WebhookKitError[] = [];
  const router = createRouter(routes, {
    secret,
    mode: 'wait',
    on: {
      'ticket_action.archive': (event, { eventType }) => void handled.push([eventType, event]),
      ticket_read: (event, { eventType }) => void handled.push([eventType, event]),
      'ticket_action.reply': (event, { eventType }) => void handled.push([eventType, event]),
    },
    onUnknown: (event, { eventType }) => void handled.push([`unknown ${eventType}`, event]),
    onError: (error) => void errors.push(error),
  });
  const rawBody = JSON.stringify({
    manifestId: '5cc1afd1d62ec72e8388cb45',
    accountId: '5cb9003af1bb6808381d184d',
    channelId: '5cc1afd1d62ec72e8388cb46',
    events,
  });
  const { headers, challenge } = await signDelivery(rawBody, { secret });
  const response = await router.handle({ method: 'POST', url: '/', headers, rawBody });
  expect(response.status).toBe(200);
  expect(response.headers['x-socialhub-challenge']).toBe(challenge);
  return { handled, errors };
}

describe('a contract with extra event types, regenerated', () => {
  it('generates their routing keys from the discriminator mapping and the new group', () => {
    expect(Object.keys(routeTable)).toEqual([
      'ticket_action.reply',
      'ticket_action.template_reply',
      'ticket_action.button',
      'ticket_action.delete',
      'ticket_action.archive',
      'channel_action.disabled',
      'ticket_read',
    ]);
    expect(routeTable['ticket_action.archive']).toMatchObject({
      group: 'ticket_action',
      discriminator: { property: 'type', value: 'archive' },
      schema: 'TicketActionArchiveEvent',
      example: { payload: { folder: 'done' } },
    });
    expect(routeTable.ticket_read).toMatchObject({
      group: 'ticket_read',
      discriminator: undefined,
    });
  });

  it('routes and validates the new events with no hand edit', async () => {
    const archive = structuredClone(routeTable['ticket_action.archive'].example);
    const read = structuredClone(routeTable.ticket_read.example);
    const { handled, errors } = await deliver({
      ticket_action: [archive, { ...archive, uuid: crypto.randomUUID(), payload: {} }],
      ticket_read: [read],
      ticket_future: [{ type: 'x' }],
    });
    expect(handled).toHaveLength(3);
    expect(Object.fromEntries(handled)).toEqual({
      'ticket_action.archive': archive,
      ticket_read: read,
      'unknown ticket_future.x': { type: 'x' },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(InvalidEventError);
    expect(errors[0]).toMatchObject({
      eventType: 'ticket_action.archive',
      reason: expect.stringContaining('payload.folder'),
    });
  });

  it('types the new events for handlers (a misspelt field fails to compile)', async () => {
    const kit = relative(work, join(root, 'packages/webhook-kit/src/router.js'));
    const check = join(work, 'check.ts');
    await writeFile(
      check,
      `import type { WebhookRouteMap } from './generated/webhooks.types.gen.js';
import { webhookEventGroups } from './generated/webhooks.routes.gen.js';
import { webhookRouteSchemas } from './generated/webhooks.zod.gen.js';
import { createRouter } from '${kit.startsWith('.') ? kit : `./${kit}`}';

createRouter<WebhookRouteMap>(
  { schemas: webhookRouteSchemas, groups: webhookEventGroups },
  {
    secret: 's',
    on: {
      'ticket_action.archive': (event, context) => {
        const folder: string = event.payload.folder;
        const key: 'ticket_action.archive' = context.eventType;
        // @ts-expect-error: \`foldr\` is not a field of the archive payload
        void event.payload.foldr;
        return [folder, key];
      },
      ticket_read: (event) => {
        const readAt: number = event.readAt;
        // @ts-expect-error: a string is not the number readAt is
        const wrong: string = event.readAt;
        return [readAt, wrong];
      },
    },
  },
);
// @ts-expect-error: an event type neither contract has
createRouter<WebhookRouteMap>({ schemas: webhookRouteSchemas, groups: webhookEventGroups }, { secret: 's', on: { 'ticket_action.nope': () => {} } });
`,
    );
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'packages/webhook-kit/tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    );
    const program = ts.createProgram([check], { ...config?.options, rootDir: root, noEmit: true });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
    // The check is live: without the fixture's field, the same file does not compile.
    await writeFile(
      check,
      (await readFile(check, 'utf8')).replace('payload.folder;', 'payload.fold;'),
    );
    const broken = ts.createProgram([check], { ...config?.options, rootDir: root, noEmit: true });
    expect(ts.getPreEmitDiagnostics(broken).length).toBeGreaterThan(0);
  }, 120_000);
});
