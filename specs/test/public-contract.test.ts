import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allExamples,
  createValidator,
  decodeJwtPayload,
  deref,
  doc,
  isObject,
  type Json,
  type JsonObject,
  type OperationRef,
  operations,
  schemaNamed,
  specsDir,
} from './public-helpers.js';

const validate = createValidator();
const components = doc.components as JsonObject;

/** Deep copy of a JSON value, so each case mutates its own copy. */
function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The operation with this operationId; throws when the contract has none. */
function op(operationId: string): OperationRef {
  const found = operations().find((o) => o.operation.operationId === operationId);
  if (!found) throw new Error(`specs: no operation ${operationId}`);
  return found;
}

/** The webhook entry with this name; throws when the contract has none. */
function hook(name: string): OperationRef {
  const found = operations().find((o) => o.kind === 'webhook' && o.name === name);
  if (!found) throw new Error(`specs: no webhook ${name}`);
  return found;
}

/**
 * A value the negative cases mutate freely. The mutations reach into arbitrary nested JSON and
 * the validator, not the type system, judges the result.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; confined to this one alias
type Draft = any;

/** The first error of a result at the given instance path with the given keyword, if any. */
function hasError(
  result: ReturnType<typeof validate>,
  instancePath: string,
  keyword: string,
): boolean {
  return result.errors.some((e) => e.instancePath === instancePath && e.keyword === keyword);
}

describe('redocly lint', () => {
  it('lints clean with the recommended ruleset (no errors, no warnings)', () => {
    const require = createRequire(import.meta.url);
    const cliPackage = require.resolve('@redocly/cli/package.json');
    const bin = (JSON.parse(readFileSync(cliPackage, 'utf8')) as { bin: { redocly: string } }).bin
      .redocly;
    const run = spawnSync(
      process.execPath,
      [
        join(dirname(cliPackage), bin),
        'lint',
        'public',
        '--config',
        'redocly.yaml',
        '--format',
        'json',
      ],
      {
        cwd: specsDir,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const report = JSON.parse(run.stdout) as {
      totals: { errors: number; warnings: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(report.totals.warnings).toBe(0);
    expect(run.status).toBe(0);
  }, 60_000);

  it('extends the recommended ruleset and gives a written reason for every rule it turns off', () => {
    const lines = readFileSync(join(specsDir, 'redocly.yaml'), 'utf8').split('\n');
    expect(lines.some((l) => /^\s*-\s*recommended\s*$/.test(l))).toBe(true);
    const offRules = lines.flatMap((line, i) => (/^\s+[\w-]+:\s*off\s*$/.test(line) ? [i] : []));
    for (const index of offRules) {
      expect(lines[index - 1]?.trim().startsWith('#'), `reason above line ${index + 1}`).toBe(true);
    }
  });
});

describe('operations', () => {
  const expected = {
    'GET /': 'getInfo',
    'PATCH /manifest': 'updateManifest',
    'POST /channels': 'createChannel',
    'PATCH /channel': 'updateChannel',
    'DELETE /channel': 'disableChannel',
    'POST /inbox/tickets': 'createTicket',
    'PATCH /inbox/tickets/{ticketId}': 'updateTicket',
    'POST /inbox/tickets/{ticketId}/replies/{followupId}/success': 'confirmReplySuccess',
    'POST /inbox/tickets/{ticketId}/reset/{actionId}': 'resetTicketAction',
  };
  const rest = operations().filter((o) => o.kind === 'path');

  it('has exactly the nine documented operations with their operationIds', () => {
    const actual = Object.fromEntries(
      rest.map((o) => [`${o.method.toUpperCase()} ${o.name}`, o.operation.operationId]),
    );
    expect(actual).toEqual(expected);
  });

  it('gives every operation and webhook a unique camelCase operationId, tags and a summary', () => {
    const ids = operations().map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) {
      expect(operation.operationId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(Array.isArray(operation.tags) && operation.tags.length > 0).toBe(true);
      expect(typeof operation.summary).toBe('string');
    }
  });

  it('uses the production server and the `accesstoken` query apiKey', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://api.socialhub.io', description: 'Production' }]);
    expect(doc.security).toEqual([{ channelToken: [] }]);
    const schemes = components.securitySchemes as JsonObject;
    for (const scheme of Object.values(schemes)) {
      expect(scheme).toMatchObject({ type: 'apiKey', in: 'query', name: 'accesstoken' });
    }
    expect(op('createChannel').operation.security).toEqual([{ channelCreationToken: [] }]);
  });

  it('documents the optional query parameters `reason` and `reset`', () => {
    expect(op('disableChannel').parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['reason', 'query', false],
    ]);
    const update = op('updateTicket');
    expect(update.parameters.map((p) => [p.name, p.in])).toEqual([
      ['ticketId', 'path'],
      ['reset', 'query'],
    ]);
    expect(update.parameters[1]?.schema).toEqual({ type: 'boolean', default: false });
  });

  it('sends X-RateLimit-Limit and X-RateLimit-Remaining on every response, Retry-After on 429', () => {
    for (const { name, method, operation } of rest) {
      for (const [status, raw] of Object.entries(operation.responses as JsonObject)) {
        const headers = (deref(raw).headers ?? {}) as JsonObject;
        const where = `${method} ${name} ${status}`;
        expect(headers['X-RateLimit-Limit'], where).toEqual({
          $ref: '#/components/headers/X-RateLimit-Limit',
        });
        expect(headers['X-RateLimit-Remaining'], where).toEqual({
          $ref: '#/components/headers/X-RateLimit-Remaining',
        });
        if (status === '429')
          expect(headers['Retry-After'], where).toEqual({
            $ref: '#/components/headers/Retry-After',
          });
      }
    }
  });

  it('has request and response examples for every operation and webhook', () => {
    for (const { kind, name, method, operation } of operations()) {
      const where = `${kind} ${method} ${name}`;
      if (operation.requestBody) {
        for (const media of Object.values(deref(operation.requestBody).content as JsonObject)) {
          expect(
            Object.keys(((media as JsonObject).examples ?? {}) as JsonObject).length,
            where,
          ).toBeGreaterThan(0);
        }
      }
      for (const [status, raw] of Object.entries(operation.responses as JsonObject)) {
        for (const [type, media] of Object.entries((deref(raw).content ?? {}) as JsonObject)) {
          if (type === 'text/html') continue;
          expect(
            Object.keys(((media as JsonObject).examples ?? {}) as JsonObject).length,
            `${where} ${status}`,
          ).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('errors', () => {
  const documented: [status: string, code: string, schema: string][] = [
    ['401', 'AccessTokenInvalidError', 'AccessTokenInvalidError'],
    ['403', 'ChannelDeactivated', 'ChannelDeactivatedError'],
    ['403', 'ChannelLimitReached', 'ChannelLimitReachedError'],
    ['409', 'ConflictError', 'ConflictError'],
    ['409', 'DuplicateChannel', 'DuplicateChannelError'],
    ['422', 'WebhookValidationError', 'WebhookValidationError'],
    ['429', 'TooManyRequestsError', 'TooManyRequestsError'],
  ];

  it.each(documented)(
    '%s %s has a schema with `code` as a const, extending Error',
    (_status, code, schema) => {
      const definition = schemaNamed(schema);
      expect((definition.allOf as Json[])[0]).toEqual({ $ref: '#/components/schemas/Error' });
      expect(validate(schema, { code, message: 'Error: x' }).valid).toBe(true);
      expect(validate(schema, { code: 'SomethingElse', message: 'Error: x' }).valid).toBe(false);
      expect(validate(schema, { code }).valid).toBe(false);
    },
  );

  it.each(documented)(
    '%s %s is answered with an example by the operations that document it',
    (status, code) => {
      const codes = operations()
        .filter((o) => o.kind === 'path')
        .flatMap(({ operation }) => {
          const raw = (operation.responses as JsonObject)[status];
          if (!raw) return [];
          const media = (deref(raw).content as JsonObject)['application/json'] as JsonObject;
          return Object.values(media.examples as JsonObject).map(
            (e) => (deref(e).value as JsonObject).code,
          );
        });
      expect(codes).toContain(code);
    },
  );

  it('maps each error to the documented operations', () => {
    const statuses = Object.fromEntries(
      operations()
        .filter((o) => o.kind === 'path')
        .map(({ operation }) => [
          operation.operationId,
          Object.keys(operation.responses as JsonObject).sort(),
        ]),
    );
    expect(statuses).toEqual({
      getInfo: ['200', '401', '403', '429', 'default'],
      updateManifest: ['200', '401', '403', '422', '429', 'default'],
      createChannel: ['201', '401', '403', '409', '429', 'default'],
      updateChannel: ['200', '401', '403', '429', 'default'],
      disableChannel: ['204', '401', '403', '429', 'default'],
      createTicket: ['201', '401', '403', '409', '429', 'default'],
      updateTicket: ['200', '401', '403', '429', 'default'],
      confirmReplySuccess: ['201', '401', '403', '409', '429', 'default'],
      resetTicketAction: ['201', '401', '403', '429', 'default'],
    });
    const conflict = deref((op('createChannel').operation.responses as JsonObject)['409']);
    expect(((conflict.content as JsonObject)['application/json'] as JsonObject).schema).toEqual({
      $ref: '#/components/schemas/DuplicateChannelError',
    });
  });

  it('WebhookValidationError carries the internal error text in `data`', () => {
    const value = {
      code: 'WebhookValidationError',
      message: 'Error: x',
      data: 'Error: certificate has expired',
    };
    expect(validate('WebhookValidationError', value).valid).toBe(true);
    expect(validate('WebhookValidationError', { ...value, data: { nested: true } }).valid).toBe(
      false,
    );
  });
});

describe('examples', () => {
  const examples = allExamples();

  it('finds examples everywhere (operations, errors, webhooks, callbacks, token payloads)', () => {
    expect(examples.length).toBeGreaterThan(80);
    for (const fragment of [
      'webhook POST ticketAction',
      'webhook POST webhookTest',
      'webhook GET templates',
      'path PATCH /manifest 422',
      'components.schemas.ChannelReactivationTokenPayload',
    ]) {
      expect(
        examples.some((e) => e.where.includes(fragment)),
        fragment,
      ).toBe(true);
    }
  });

  it.each(examples.map((e) => [e.where, e] as const))(
    '%s validates against its schema',
    (_where, example) => {
      const result = validate(example.schema, example.value);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    },
  );

  it('has an example of every ticket_action type and of channel_action `disabled`', () => {
    const events = examples.flatMap((e) => {
      const value = e.value;
      if (!isObject(value) || !isObject(value.events)) return [];
      return Object.entries(value.events).flatMap(([type, list]) =>
        Array.isArray(list)
          ? list.map((event) => `${type}:${String((event as JsonObject).type)}`)
          : [],
      );
    });
    for (const kind of [
      'ticket_action:reply',
      'ticket_action:template_reply',
      'ticket_action:button',
      'ticket_action:delete',
      'channel_action:disabled',
    ]) {
      expect(events).toContain(kind);
    }
  });
});

describe('discriminated unions', () => {
  const unions = ['TicketAction', 'TicketActionEvent', 'ChannelActionEvent'];

  /** The `type` const of a schema, looking through allOf. */
  function constOf(schema: JsonObject, property: string): Json | undefined {
    const own = (schema.properties as JsonObject | undefined)?.[property];
    if (isObject(own) && 'const' in own) return own.const as Json;
    for (const part of (schema.allOf as Json[] | undefined) ?? []) {
      const found = constOf(deref(part), property);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  it.each(unions)(
    '%s: every oneOf member is mapped by the discriminator to its `type` const',
    (name) => {
      const union = schemaNamed(name);
      const discriminator = union.discriminator as JsonObject;
      const mapping = discriminator.mapping as Record<string, string>;
      const members = (union.oneOf as JsonObject[]).map((m) => m.$ref);
      expect(Object.values(mapping).sort()).toEqual([...members].sort());
      for (const [value, ref] of Object.entries(mapping)) {
        expect(constOf(deref({ $ref: ref }), String(discriminator.propertyName))).toBe(value);
      }
    },
  );

  it('covers the four ticket action types on both sides (manifest and event)', () => {
    const manifest = Object.keys(
      (schemaNamed('TicketAction').discriminator as JsonObject).mapping as JsonObject,
    );
    const events = Object.keys(
      (schemaNamed('TicketActionEvent').discriminator as JsonObject).mapping as JsonObject,
    );
    expect(manifest.sort()).toEqual(['button', 'delete', 'reply', 'template_reply']);
    expect(events.sort()).toEqual(manifest);
  });
});

describe('webhooks and callbacks', () => {
  const hooks = doc.webhooks as JsonObject;

  it('describes deliveries, the test request, the templates callback and both redirects', () => {
    expect(Object.keys(hooks).sort()).toEqual(
      [
        'channelAction',
        'channelCreation',
        'channelReactivation',
        'templates',
        'ticketAction',
        'webhookDelivery',
        'webhookTest',
      ].sort(),
    );
  });

  it('signs deliveries with X-SocialHub-Timestamp / X-SocialHub-Signature and expects X-SocialHub-Challenge', () => {
    for (const name of ['webhookDelivery', 'ticketAction', 'channelAction', 'webhookTest']) {
      const delivery = hook(name);
      expect(delivery.method).toBe('post');
      expect(delivery.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
        ['X-SocialHub-Timestamp', 'header', true],
        ['X-SocialHub-Signature', 'header', true],
      ]);
      const ok = deref((delivery.operation.responses as JsonObject)['200']);
      expect(deref((ok.headers as JsonObject)['X-SocialHub-Challenge']).required).toBe(true);
    }
  });

  it('the header examples are the real signature of the test delivery example', () => {
    const params = components.parameters as JsonObject;
    const timestamp = String((params['X-SocialHub-Timestamp'] as JsonObject).example);
    const signature = String((params['X-SocialHub-Signature'] as JsonObject).example);
    const challengeExample = String(
      ((components.headers as JsonObject)['X-SocialHub-Challenge'] as JsonObject).example,
    );
    const media = (deref(hook('webhookTest').operation.requestBody).content as JsonObject)[
      'application/json'
    ] as JsonObject;
    const body = JSON.stringify(
      (media.examples as JsonObject).test && deref((media.examples as JsonObject).test).value,
    );
    const secret = 'random_32_or_more_chars_long_string';
    const challenge = createHash('sha256').update(`${timestamp};${secret}`).digest('hex');
    expect(challenge).toBe(challengeExample);
    expect(createHmac('sha256', challenge).update(body).digest('hex')).toBe(signature);
  });

  it('never closes an event schema (no additionalProperties: false reachable from WebhookDelivery)', () => {
    const seen = new Set<string>();
    const closed: string[] = [];
    const walk = (node: Json, at: string): void => {
      if (Array.isArray(node)) {
        for (const [i, child] of node.entries()) walk(child, `${at}/${i}`);
      }
      if (!isObject(node)) return;
      if (typeof node.$ref === 'string') {
        if (seen.has(node.$ref)) return;
        seen.add(node.$ref);
        walk(deref(node), node.$ref);
        return;
      }
      if (node.additionalProperties === false) closed.push(at);
      for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
    };
    walk({ $ref: '#/components/schemas/WebhookDelivery' }, '');
    expect(seen.has('#/components/schemas/TicketActionReplyPayload')).toBe(true);
    expect(closed).toEqual([]);
    const events = schemaNamed('WebhookEvents');
    expect(events.additionalProperties).toMatchObject({ type: 'array', items: { type: 'object' } });
  });

  it('the test delivery has empty events and other deliveries are rejected by its schema', () => {
    const test = {
      manifestId: '5c9c01952bdfd718307a0a52',
      accountId: '5c9b6b2a58a855074d1d278f',
      channelId: '5c9c01952bdfd718307a0a53',
      events: {},
    };
    expect(validate('WebhookTestDelivery', test).valid).toBe(true);
    expect(validate('WebhookDelivery', test).valid).toBe(true);
    expect(validate('WebhookTestDelivery', { ...test, events: { channel_action: [] } }).valid).toBe(
      false,
    );
    expect(validate('TicketActionDelivery', test).valid).toBe(false);
  });

  it('templates callback: GET with ?channelId=, answered by an array of { name, networkId, variables, text }', () => {
    const templates = hook('templates');
    expect(templates.method).toBe('get');
    expect(templates.parameters.map((p) => [p.name, p.in])).toEqual([
      ['channelId', 'query'],
      ['X-SocialHub-Timestamp', 'header'],
      ['X-SocialHub-Signature', 'header'],
    ]);
    expect(schemaNamed('Template').required).toEqual(['name', 'networkId', 'variables', 'text']);
  });

  it.each([
    ['channelCreation', 'ChannelCreationTokenPayload'],
    ['channelReactivation', 'ChannelReactivationTokenPayload'],
  ])('%s redirect: GET ?token= whose example decodes to a valid %s', (name, payloadSchema) => {
    const redirect = hook(name);
    expect(redirect.method).toBe('get');
    const token = redirect.parameters.find((p) => p.name === 'token');
    expect(token?.in).toBe('query');
    const tokenSchema = deref(token?.schema);
    expect(tokenSchema.contentSchema).toEqual({ $ref: `#/components/schemas/${payloadSchema}` });
    for (const example of Object.values(token?.examples as JsonObject)) {
      const payload = decodeJwtPayload(String(deref(example).value));
      expect(validate(payloadSchema, payload).errors).toEqual([]);
    }
  });

  it('the access token returned by POST /channels decodes to a valid ChannelTokenPayload', () => {
    const media = (
      deref((op('createChannel').operation.responses as JsonObject)['201']).content as JsonObject
    )['application/json'] as JsonObject;
    const channel = deref((media.examples as JsonObject).created).value as JsonObject;
    const payload = decodeJwtPayload(String((channel.endpoint as JsonObject).accessToken));
    expect(payload).toEqual({
      accountId: '5e73f5245a45da10b6e614d8',
      channelId: '5eb47954a545b82b5b522cce',
      iat: 1588885844,
    });
    expect(validate('ChannelTokenPayload', payload).valid).toBe(true);
  });

  it('the seed 002 DELETE /channel example token is not a channel token (documented contradiction)', () => {
    const seedToken =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50SWQiOiI1ZDUxZmE1NmIzMWM1Zjc5NWMwZGEzN2EiLCJtYW5pZmVzdElkIjoiNWQ1MWZhYTViMzFjNWY3OTVjMGRhMzdmIiwidXNlcklkIjoiNWQ1MWZhNTdiMzFjNWY3OTVjMGRhMzdjIiwiaWF0IjoxNTcwMDA5ODM0LCJleHAiOjE1NzAwMTE2MzR9.vT1c7Ni5tS87l1W8s-R_TOGozoFreQYMt2ZOPIAo4Nc';
    const payload = decodeJwtPayload(seedToken);
    expect(validate('ChannelTokenPayload', payload).valid).toBe(false);
    expect(validate('ChannelCreationTokenPayload', payload).valid).toBe(false);
  });
});

describe('constraints that bite', () => {
  const ticket = {
    interaction: {
      message: 'Hello, can someone help me?',
      networkItemId: 'question-q_0000000001',
      pictures: [{ small: 'https://example.com/t.png', large: 'https://example.com/o.png' }],
      attachments: [
        {
          url: 'https://example.com/files/invoice.pdf',
          name: 'invoice.pdf',
          size: 1024,
          mimeType: 'application/pdf',
        },
      ],
      rating: { value: 7, scale: 10 },
      root: { rootId: 'conversation-48622799' },
      interactor: {
        interactorId: 'u_5678986543',
        name: 'Jork Schrank',
        picture: 'https://example.com/a.png',
      },
    },
  };
  const manifest = {
    webhook: { url: 'https://socialhub.example.com/webhook', secret: 'x'.repeat(32) },
    inbox: {
      ticketActions: [
        {
          type: 'reply',
          id: 'reply-id',
          label: { en: 'Reply', de: 'Antworten', fr: 'Répondre' },
          config: { maxLength: 150 },
        },
        {
          type: 'template_reply',
          id: 'template-id',
          label: { en: 'T', de: 'T', fr: 'T' },
          config: { templates: { url: 'https://socialhub.example.com/templates' } },
        },
        {
          type: 'button',
          id: 'like-button',
          label: { en: 'Like', de: 'Like', fr: 'Like' },
          config: { forceTagging: false },
        },
        {
          type: 'delete',
          id: 'delete-id',
          label: { en: 'Delete', de: 'Löschen', fr: 'Supprimer' },
          config: { forceTagging: true },
        },
      ],
      rightSidebar: [
        { id: 'sidebar-id', label: { en: 's', de: 's', fr: 's' }, treeBuilder: 'flatListWithRoot' },
      ],
    },
    callbacks: { channelCreation: 'https://socialhub.example.com/create' },
  };
  const delivery = {
    manifestId: '5cc1afd1d62ec72e8388cb45',
    accountId: '5cb9003af1bb6808381d184d',
    channelId: '5cc1afd1d62ec72e8388cb46',
    events: {
      ticket_action: [
        {
          ticketId: '5cc1b08ad62ec72e8388cb47',
          networkItemId: 'question-q_0000000001',
          type: 'reply',
          actionId: 'reply-id',
          payload: { followupId: 'f5f75b50-6764-11e9-9ce6-3507264c7519', text: 'Hi' },
          time: 1556201893268,
          uuid: '4616f2f0-5069-4ee8-ad95-4c106c277eb3',
        },
      ],
    },
  };

  it('the base values used below are valid', () => {
    expect(validate('TicketCreate', ticket).errors).toEqual([]);
    expect(validate('ManifestUpdate', manifest).errors).toEqual([]);
    expect(validate('WebhookDelivery', delivery).errors).toEqual([]);
  });

  type Case = [
    name: string,
    schema: string,
    base: unknown,
    mutate: (v: Draft) => void,
    path: string,
    keyword: string,
  ];
  const rejected: Case[] = [
    [
      'networkItemId shorter than 6',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.networkItemId = 'q-001';
      },
      '/interaction/networkItemId',
      'pattern',
    ],
    [
      'networkItemId longer than 256',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.networkItemId = 'q'.repeat(257);
      },
      '/interaction/networkItemId',
      'pattern',
    ],
    [
      'networkItemId with a space',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.networkItemId = 'question q_1';
      },
      '/interaction/networkItemId',
      'pattern',
    ],
    [
      'networkItemId with #',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.networkItemId = 'question#q_1';
      },
      '/interaction/networkItemId',
      'pattern',
    ],
    [
      'root.rootId not a networkItemId',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.root.rootId = 'r';
      },
      '/interaction/root/rootId',
      'pattern',
    ],
    [
      'a 10,001-character message',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.message = 'x'.repeat(10_001);
      },
      '/interaction/message',
      'maxLength',
    ],
    [
      'a ticket with no content',
      'TicketCreate',
      ticket,
      (v) => {
        for (const k of ['message', 'pictures', 'attachments', 'rating']) delete v.interaction[k];
      },
      '/interaction',
      'anyOf',
    ],
    [
      'no networkItemId',
      'TicketCreate',
      ticket,
      (v) => {
        delete v.interaction.networkItemId;
      },
      '/interaction',
      'required',
    ],
    [
      'an http:// picture',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.pictures[0].small = 'http://example.com/t.png';
      },
      '/interaction/pictures/0/small',
      'pattern',
    ],
    [
      'an http:// large picture',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.pictures[0].large = 'http://example.com/o.png';
      },
      '/interaction/pictures/0/large',
      'pattern',
    ],
    [
      'a picture without small',
      'TicketCreate',
      ticket,
      (v) => {
        delete v.interaction.pictures[0].small;
      },
      '/interaction/pictures/0',
      'required',
    ],
    [
      'an http:// attachment',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.attachments[0].url = 'http://example.com/f.pdf';
      },
      '/interaction/attachments/0/url',
      'pattern',
    ],
    [
      'a negative attachment size',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.attachments[0].size = -1;
      },
      '/interaction/attachments/0/size',
      'minimum',
    ],
    [
      'an http:// interactor picture',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.interactor.picture = 'http://example.com/a.png';
      },
      '/interaction/interactor/picture',
      'pattern',
    ],
    [
      'an interactor without name',
      'TicketCreate',
      ticket,
      (v) => {
        delete v.interaction.interactor.name;
      },
      '/interaction/interactor',
      'required',
    ],
    [
      'an interactorId of 2 characters',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.interactor.interactorId = 'u1';
      },
      '/interaction/interactor/interactorId',
      'minLength',
    ],
    [
      'a rating scale above 100',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.rating.scale = 101;
      },
      '/interaction/rating/scale',
      'maximum',
    ],
    [
      'a negative rating',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.rating.value = -1;
      },
      '/interaction/rating/value',
      'minimum',
    ],
    [
      'a rating without scale',
      'TicketCreate',
      ticket,
      (v) => {
        delete v.interaction.rating.scale;
      },
      '/interaction/rating',
      'required',
    ],
    [
      'an unknown ticket type',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.type = 'STORY';
      },
      '/interaction/type',
      'enum',
    ],
    [
      'followupTo on creation',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.followupTo = { followupToId: '5cc1b08ad62ec72e8388cb47' };
      },
      '/interaction',
      'additionalProperties',
    ],
    [
      'createdTime on update',
      'TicketUpdate',
      {},
      (v) => {
        v.interaction = { createdTime: '2020-01-28T16:58:12.736Z' };
      },
      '/interaction',
      'additionalProperties',
    ],
    [
      'networkItemId on update',
      'TicketUpdate',
      {},
      (v) => {
        v.interaction = { networkItemId: 'question-q_0000000001' };
      },
      '/interaction',
      'additionalProperties',
    ],
    [
      'root on update',
      'TicketUpdate',
      {},
      (v) => {
        v.interaction = { root: { rootId: 'conversation-48622799' } };
      },
      '/interaction',
      'additionalProperties',
    ],
    [
      'interactor.interactorId on update',
      'TicketUpdate',
      {},
      (v) => {
        v.interaction = { interactor: { interactorId: 'u_5678986543', name: 'J' } };
      },
      '/interaction/interactor',
      'additionalProperties',
    ],
    [
      'a 10,001-character message on update',
      'TicketUpdate',
      {},
      (v) => {
        v.interaction = { message: 'x'.repeat(10_001) };
      },
      '/interaction/message',
      'maxLength',
    ],
    [
      'reply success without networkItemId',
      'ReplySuccess',
      { interaction: { networkItemId: 'answer-a_0000000052' } },
      (v) => {
        delete v.interaction.networkItemId;
      },
      '/interaction',
      'required',
    ],
    [
      'reply success with a bad networkItemId',
      'ReplySuccess',
      { interaction: { networkItemId: 'answer-a_0000000052' } },
      (v) => {
        v.interaction.networkItemId = 'a b';
      },
      '/interaction/networkItemId',
      'pattern',
    ],
    [
      'reset with a followupId that is not a uuid',
      'ActionReset',
      { reason: 'x' },
      (v) => {
        v.followupId = 'followup-1';
      },
      '/followupId',
      'format',
    ],
    [
      'networkId in PATCH /channel',
      'ChannelUpdate',
      { name: 'Contact Form' },
      (v) => {
        v.networkId = 'example.com-contact-form-1';
      },
      '',
      'additionalProperties',
    ],
    [
      'an http:// channel image',
      'ChannelUpdate',
      { name: 'Contact Form' },
      (v) => {
        v.imageUrl = 'http://example.com/logo.png';
      },
      '/imageUrl',
      'pattern',
    ],
    [
      'an http:// endpoint user image',
      'ChannelCreate',
      { name: 'C', uniqueName: 'C' },
      (v) => {
        v.endpoint = { user: { profileImage: 'http://example.com/a.png' } };
      },
      '/endpoint/user/profileImage',
      'pattern',
    ],
    [
      'a channel without uniqueName',
      'ChannelCreate',
      { name: 'C', uniqueName: 'C' },
      (v) => {
        delete v.uniqueName;
      },
      '',
      'required',
    ],
    [
      'a 31-character webhook secret',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.webhook.secret = 'x'.repeat(31);
      },
      '/webhook/secret',
      'minLength',
    ],
    [
      'a 513-character webhook secret',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.webhook.secret = 'x'.repeat(513);
      },
      '/webhook/secret',
      'maxLength',
    ],
    [
      'an http:// webhook',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.webhook.url = 'http://socialhub.example.com/webhook';
      },
      '/webhook/url',
      'pattern',
    ],
    [
      '`{ webhook: {} }` (removal is `null`)',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.webhook = {};
      },
      '/webhook',
      'required',
    ],
    [
      'an http:// channelCreation callback',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.callbacks.channelCreation = 'http://socialhub.example.com/create';
      },
      '/callbacks/channelCreation',
      'pattern',
    ],
    [
      'an http:// branding icon',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.branding = { icon: 'http://socialhub.example.com/i.png' };
      },
      '/branding/icon',
      'pattern',
    ],
    [
      'a colour that is not hex',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.branding = { color: 'blue' };
      },
      '/branding/color',
      'pattern',
    ],
    [
      'the read-only name',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.name = 'My Network';
      },
      '',
      'additionalProperties',
    ],
    [
      'a label without fr',
      'ManifestUpdate',
      manifest,
      (v) => {
        delete v.inbox.ticketActions[0].label.fr;
      },
      '/inbox/ticketActions/0/label',
      'required',
    ],
    [
      'an action id with a space',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[0].id = 'reply id';
      },
      '/inbox/ticketActions/0/id',
      'pattern',
    ],
    [
      'an action id of 257 characters',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[0].id = 'a'.repeat(257);
      },
      '/inbox/ticketActions/0/id',
      'pattern',
    ],
    [
      'an unknown action type',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[2].type = 'like';
      },
      '/inbox/ticketActions/2',
      'oneOf',
    ],
    [
      'maxLength on a button action',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[2].config.maxLength = 150;
      },
      '/inbox/ticketActions/2/config/maxLength',
      'false schema',
    ],
    [
      'maxLength on a template_reply action',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[1].config.maxLength = 150;
      },
      '/inbox/ticketActions/1/config/maxLength',
      'false schema',
    ],
    [
      'maxLength on a delete action',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[3].config.maxLength = 150;
      },
      '/inbox/ticketActions/3/config',
      'additionalProperties',
    ],
    [
      'approvalProcess on a delete action',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[3].config.approvalProcess = true;
      },
      '/inbox/ticketActions/3/config',
      'additionalProperties',
    ],
    [
      'a template_reply without templates.url',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[1].config = {};
      },
      '/inbox/ticketActions/1/config',
      'required',
    ],
    [
      'a timeout without after',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[0].config.timeout = { duration: '24h' };
      },
      '/inbox/ticketActions/0/config/timeout',
      'required',
    ],
    [
      'an unknown tree builder',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.rightSidebar[0].treeBuilder = 'tree';
      },
      '/inbox/rightSidebar/0/treeBuilder',
      'enum',
    ],
    [
      'duplicate action ids',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[3].id = 'reply-id';
      },
      '/inbox/ticketActions',
      'x-unique-by',
    ],
    [
      'duplicate reply option ids',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions[0].options = [
          { id: 'o', label: { en: 'o', de: 'o', fr: 'o' } },
          { id: 'o', label: { en: 'p', de: 'p', fr: 'p' } },
        ];
      },
      '/inbox/ticketActions/0/options',
      'x-unique-by',
    ],
    [
      'a reply event without followupId',
      'WebhookDelivery',
      delivery,
      (v) => {
        delete v.events.ticket_action[0].payload.followupId;
      },
      '/events/ticket_action/0/payload',
      'required',
    ],
    [
      'a reply event with neither text nor attachments',
      'WebhookDelivery',
      delivery,
      (v) => {
        delete v.events.ticket_action[0].payload.text;
      },
      '/events/ticket_action/0/payload',
      'anyOf',
    ],
    [
      'a reply event without payload',
      'WebhookDelivery',
      delivery,
      (v) => {
        delete v.events.ticket_action[0].payload;
      },
      '/events/ticket_action/0',
      'required',
    ],
    [
      'a template_reply event without networkId',
      'WebhookDelivery',
      delivery,
      (v) => {
        Object.assign(v.events.ticket_action[0], {
          type: 'template_reply',
          payload: {
            followupId: 'f5f75b50-6764-11e9-9ce6-3507264c7519',
            name: 'n',
            variables: {},
            language: 'de',
          },
        });
      },
      '/events/ticket_action/0/payload',
      'required',
    ],
    [
      'an unknown ticket_action type',
      'WebhookDelivery',
      delivery,
      (v) => {
        v.events.ticket_action[0].type = 'like';
      },
      '/events/ticket_action/0',
      'oneOf',
    ],
    [
      'a channel_action other than disabled',
      'WebhookDelivery',
      delivery,
      (v) => {
        v.events = {
          channel_action: [
            {
              channelId: '5cc1afd1d62ec72e8388cb46',
              type: 'enabled',
              time: 1,
              uuid: '4616f2f0-5069-4ee8-ad95-4c106c277eb3',
            },
          ],
        };
      },
      '/events/channel_action/0',
      'oneOf',
    ],
    [
      'an event time that is not a number',
      'WebhookDelivery',
      delivery,
      (v) => {
        v.events.ticket_action[0].time = '1556201893268';
      },
      '/events/ticket_action/0/time',
      'type',
    ],
    [
      'a delivery without channelId',
      'WebhookDelivery',
      delivery,
      (v) => {
        delete v.channelId;
      },
      '',
      'required',
    ],
    [
      'an unknown event type that is not a list',
      'WebhookDelivery',
      delivery,
      (v) => {
        v.events.some_future_event = { a: 1 };
      },
      '/events/some_future_event',
      'type',
    ],
    [
      'a template without networkId',
      'TemplateList',
      [{ name: 'n', networkId: 'id', variables: {}, text: { en: 'Hi' } }],
      (v) => {
        delete v[0].networkId;
      },
      '/0',
      'required',
    ],
    [
      'a creation token payload without origin',
      'ChannelCreationTokenPayload',
      {
        accountId: '5c9b6b2a58a855074d1d278f',
        manifestId: '5e73f56c5a45da10b6e614dd',
        userId: '5e73f5255a45da10b6e614da',
        origin: 'https://app.socialhub.io',
        iat: 1,
        exp: 2,
      },
      (v) => {
        delete v.origin;
      },
      '',
      'required',
    ],
    [
      'a reactivation token payload without channelId',
      'ChannelReactivationTokenPayload',
      {
        accountId: '5c9b6b2a58a855074d1d278f',
        manifestId: '5e73f56c5a45da10b6e614dd',
        userId: '5e73f5255a45da10b6e614da',
        origin: 'https://app.socialhub.io',
        channelId: '5c9c01952bdfd718307a0a53',
        uniqueName: 'test',
        iat: 1,
        exp: 2,
      },
      (v) => {
        delete v.channelId;
      },
      '',
      'required',
    ],
  ];

  it.each(rejected)('rejects %s', (_name, schema, base, mutate, path, keyword) => {
    expect(validate(schema, base).valid).toBe(true);
    const value = clone(base);
    mutate(value);
    const result = validate(schema, value);
    expect(result.valid).toBe(false);
    expect(hasError(result, path, keyword), JSON.stringify(result.errors)).toBe(true);
  });

  type Accepted = [name: string, schema: string, base: unknown, mutate: (v: Draft) => void];
  const accepted: Accepted[] = [
    [
      'a 10,000-character message',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.message = 'x'.repeat(10_000);
      },
    ],
    [
      'the wide networkItemId alphabet',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.networkItemId = 'a/b|c@d&e$f!g?h(i)[j]{k}+l*m~n,o;p.q:r=s_t-u';
      },
    ],
    [
      'a ticket with only a link',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction = { networkItemId: 'question-q_2', link: 'http://example.com/shared' };
      },
    ],
    [
      'a ticket with only a rating',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction = { networkItemId: 'question-q_2', rating: { value: 0, scale: 100 } };
      },
    ],
    [
      'a ticket type (for reusable manifests)',
      'TicketCreate',
      ticket,
      (v) => {
        v.interaction.type = 'REVIEW';
      },
    ],
    ['an empty ticket update', 'TicketUpdate', {}, () => {}],
    [
      'a 32-character secret',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.webhook.secret = 'x'.repeat(32);
      },
    ],
    [
      'a 512-character secret',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.webhook.secret = 'x'.repeat(512);
      },
    ],
    [
      '`{ webhook: null }`',
      'ManifestUpdate',
      {},
      (v) => {
        v.webhook = null;
      },
    ],
    ['an empty manifest update', 'ManifestUpdate', {}, () => {}],
    [
      'reply options and attachments on a reply',
      'ManifestUpdate',
      manifest,
      (v) => {
        Object.assign(v.inbox.ticketActions[0], {
          attachments: { noText: true },
          options: [{ id: 'o', label: { en: 'o', de: 'o', fr: 'o' } }],
        });
      },
    ],
    [
      'two actions of the same type',
      'ManifestUpdate',
      manifest,
      (v) => {
        v.inbox.ticketActions.push({
          type: 'button',
          id: 'share-button',
          label: { en: 'Share', de: 'Teilen', fr: 'Partager' },
        });
      },
    ],
    [
      'extra fields on a ticket_action event',
      'WebhookDelivery',
      delivery,
      (v) => {
        v.events.ticket_action[0].userId = '5e73f5255a45da10b6e614da';
        v.events.ticket_action[0].payload.extra = true;
      },
    ],
    [
      'extra fields on the envelope',
      'WebhookDelivery',
      delivery,
      (v) => {
        v.deliveryAttempt = 2;
      },
    ],
    [
      'an unknown event type',
      'WebhookDelivery',
      delivery,
      (v) => {
        v.events.some_future_event = [{ anything: 'goes' }];
      },
    ],
    [
      'a reply event with only an attachment',
      'WebhookDelivery',
      delivery,
      (v) => {
        v.events.ticket_action[0].payload = {
          followupId: 'f5f75b50-6764-11e9-9ce6-3507264c7519',
          attachments: [{ url: 'https://aws.com/files/doc.pdf' }],
        };
      },
    ],
    [
      'a button event without payload',
      'WebhookDelivery',
      delivery,
      (v) => {
        Object.assign(v.events.ticket_action[0], { type: 'button' });
        delete v.events.ticket_action[0].payload;
      },
    ],
  ];

  it.each(accepted)('accepts %s', (_name, schema, base, mutate) => {
    const value = clone(base);
    mutate(value);
    expect(validate(schema, value).errors).toEqual([]);
  });

  it('uniqueness of action ids lives in `x-unique-by`: plain JSON Schema validators do not see it', () => {
    expect(schemaNamed('TicketActionList')['x-unique-by']).toBe('id');
    const duplicate: Draft = clone(manifest);
    duplicate.inbox.ticketActions[3] = {
      ...duplicate.inbox.ticketActions[2],
      id: 'like-button',
    };
    const plain = createValidator({ enforceUniqueBy: false });
    expect(plain('ManifestUpdate', duplicate).valid).toBe(true);
    expect(validate('ManifestUpdate', duplicate).valid).toBe(false);
  });

  it('only `reply` declares maxLength; every other action config forbids it', () => {
    expect(
      ((schemaNamed('TicketActionReplyConfig').properties as JsonObject).maxLength as JsonObject)
        .type,
    ).toBe('number');
    expect(
      (schemaNamed('TicketActionTemplateReplyConfig').properties as JsonObject).maxLength,
    ).toBe(false);
    expect((schemaNamed('TicketActionButtonConfig').properties as JsonObject).maxLength).toBe(
      false,
    );
    expect(schemaNamed('TicketActionDeleteConfig')).toMatchObject({
      additionalProperties: false,
      properties: { forceTagging: { type: 'boolean' } },
    });
    expect(Object.keys(schemaNamed('TicketActionDeleteConfig').properties as JsonObject)).toEqual([
      'forceTagging',
    ]);
  });

  it('the update schemas leave out the immutable fields', () => {
    expect(Object.keys(schemaNamed('ChannelUpdate').properties as JsonObject)).not.toContain(
      'networkId',
    );
    const update = Object.keys(schemaNamed('InteractionUpdate').properties as JsonObject);
    for (const field of ['createdTime', 'networkItemId', 'root'])
      expect(update).not.toContain(field);
    expect(Object.keys(schemaNamed('InteractorUpdate').properties as JsonObject)).not.toContain(
      'interactorId',
    );
  });
});
