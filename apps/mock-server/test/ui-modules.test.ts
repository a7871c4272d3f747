import { describe, expect, it } from 'vitest';
import { checkTemplateVariables } from '../src/services/template-variables.js';
import { attachmentFromUrl } from '../src/ui/static/assets/lib/attachment.js';
import { challengeVerdict, deliveryOutcome } from '../src/ui/static/assets/lib/delivery-outcome.js';
import { safeHttpUrl } from '../src/ui/static/assets/lib/dom.js';
import { pickLabel } from '../src/ui/static/assets/lib/labels.js';
import {
  fieldValue,
  renderTemplate,
  validateVariables,
} from '../src/ui/static/assets/lib/template.js';
import { orderTickets, sidebarTree } from '../src/ui/static/assets/lib/ticket-tree.js';

// The browser modules of the UI that hold logic (no DOM), run under Node.

describe('template preview and variable checks', () => {
  it('renders {{var}}, {{{var}}} and {{a.b}}; leaves unknown and block syntax as written', () => {
    expect(
      renderTemplate('Hi {{ name }}, {{{name}}}! {{user.city}}', {
        name: 'Ann',
        user: { city: 'Oslo' },
      }),
    ).toBe('Hi Ann, Ann! Oslo');
    expect(renderTemplate('{{#if x}}{{missing}}{{/if}} {{n}}', { n: 0 })).toBe(
      '{{#if x}}{{missing}}{{/if}} 0',
    );
    // The text stays text: markup in a value is not interpreted (the UI uses textContent).
    expect(renderTemplate('{{v}}', { v: '<img src=x onerror=alert(1)>' })).toBe(
      '<img src=x onerror=alert(1)>',
    );
    expect(renderTemplate('{{toString}} {{__proto__}}', {})).toBe('{{toString}} {{__proto__}}');
  });

  it('turns form fields into values by schema type', () => {
    expect(fieldValue({ type: 'integer' }, '42')).toBe(42);
    expect(fieldValue({ type: 'number' }, 'x')).toBeNaN();
    expect(fieldValue({ type: 'string' }, '')).toBeUndefined();
    expect(fieldValue({ type: 'boolean' }, false)).toBe(false);
    expect(fieldValue({}, 'text')).toBe('text');
  });

  const schemas = {
    firstName: { type: 'string', minLength: 2, maxLength: 5 },
    days: { type: 'integer', minimum: 1, maximum: 30 },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    slot: { type: 'string', enum: ['morning', 'afternoon'] },
    ok: { type: 'boolean' },
  };
  const valid = { firstName: 'Anna', days: 2, date: '2026-01-31', slot: 'morning', ok: true };

  it('accepts what the mock accepts and names every problem otherwise', () => {
    expect(validateVariables(schemas, valid)).toEqual([]);
    expect(
      validateVariables(schemas, {
        firstName: 'A',
        days: 2.5,
        date: '31.01.2026',
        slot: 'night',
        extra: 1,
      }),
    ).toEqual([
      'extra is not a variable of this template',
      'firstName must have at least 2 characters',
      'days must be a whole number',
      'date must match ^\\d{4}-\\d{2}-\\d{2}$',
      'slot must be one of "morning", "afternoon"',
      'ok is required',
    ]);
    expect(validateVariables(schemas, { ...valid, firstName: 'Annabel', days: 99 })).toEqual([
      'firstName must have at most 5 characters',
      'days must be at most 30',
    ]);
    expect(validateVariables(schemas, { ...valid, days: Number.NaN })).toEqual([
      'days must be a number',
    ]);
    expect(validateVariables({ x: { type: 'string', pattern: '(' } }, { x: 'any' })).toEqual([]);
  });

  it('agrees with the mock’s own check on every case', () => {
    const cases: Array<Record<string, unknown>> = [
      valid,
      { ...valid, firstName: 'A' },
      { ...valid, days: 0 },
      { ...valid, days: 1.5 },
      { ...valid, date: 'x' },
      { ...valid, slot: 'night' },
      { ...valid, ok: 'yes' },
      { ...valid, extra: 'x' },
      { firstName: 'Anna' },
    ];
    for (const values of cases) {
      const isValidHere = validateVariables(schemas, values).length === 0;
      let isValidThere = true;
      try {
        checkTemplateVariables(schemas, values);
      } catch {
        isValidThere = false;
      }
      expect(isValidHere, JSON.stringify(values)).toBe(isValidThere);
    }
  });
});

type T = Parameters<typeof orderTickets>[0][number];
const ticket = (
  id: string,
  minute: number,
  extra: { followupTo?: string; rootId?: string; isHidden?: boolean; networkItemId?: string } = {},
): T => ({
  _id: id,
  createdTime: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  ...(extra.isHidden ? { isHidden: true } : {}),
  ...(extra.followupTo ? { followupTo: { followupToId: extra.followupTo } } : {}),
  interaction: {
    networkItemId: extra.networkItemId ?? `n-${id}`,
    ...(extra.rootId ? { root: { rootId: extra.rootId } } : {}),
  },
});

describe('ticket trees', () => {
  const post = ticket('post', 1);
  const comment = ticket('comment', 3, { rootId: 'n-post' });
  const reply = ticket('reply', 4, { followupTo: 'comment' });
  const other = ticket('other', 5);
  const hiddenRoot = ticket('hidden', 0, { isHidden: true, networkItemId: 'n-gone' });
  const orphan = ticket('orphan', 2, { rootId: 'n-gone' });
  const all = [reply, comment, post, other, hiddenRoot, orphan];

  it('lists roots newest first, each followed by its children and follow-ups', () => {
    const rows = orderTickets(all);
    expect(rows.map((r) => [r.ticket._id, r.depth, r.parentId, r.followupOf])).toEqual([
      ['other', 0, undefined, undefined],
      ['orphan', 0, undefined, undefined],
      ['post', 0, undefined, undefined],
      ['comment', 1, 'post', undefined],
      ['reply', 2, 'comment', 'comment'],
    ]);
  });

  it('keeps tickets whose parents point at each other', () => {
    const a = ticket('a', 1, { rootId: 'n-b' });
    const b = ticket('b', 2, { rootId: 'n-a' });
    expect(
      orderTickets([a, b])
        .map((r) => r.ticket._id)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('builds the right sidebar per treeBuilder: with or without the Root-Ticket', () => {
    expect(sidebarTree(all, reply, 'flatListWithRoot')).toEqual({
      root: post,
      items: [post, comment, reply],
    });
    expect(sidebarTree(all, comment, 'flatListWithoutRoot')).toEqual({
      root: undefined,
      items: [comment, reply],
    });
    // A hidden Root-Ticket (made on demand) is still the root of the tree.
    expect(sidebarTree(all, orphan, 'flatListWithRoot').items).toEqual([hiddenRoot, orphan]);
    expect(sidebarTree(all, other, 'flatListWithoutRoot').items).toEqual([]);
  });
});

describe('deliveries, labels, URLs and attachments', () => {
  const attempt = (status?: number, isChallengeSolved?: boolean) => ({
    time: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    ...(status === undefined
      ? { error: 'Error: connect ECONNREFUSED' }
      : { response: { status, headers: {}, body: '' } }),
    ...(isChallengeSolved === undefined ? {} : { isChallengeSolved }),
  });

  it('maps delivery records to the outcomes the log shows', () => {
    expect(
      deliveryOutcome({ kind: 'events', outcome: 'delivered', attempts: [attempt(200, true)] }),
    ).toBe('delivered');
    expect(deliveryOutcome({ kind: 'events', outcome: 'pending', attempts: [] })).toBe('pending');
    expect(deliveryOutcome({ kind: 'events', outcome: 'pending', attempts: [attempt(500)] })).toBe(
      'retrying',
    );
    expect(
      deliveryOutcome({
        kind: 'events',
        outcome: 'discarded',
        attempts: [attempt(), attempt(500)],
      }),
    ).toBe('failed');
    expect(
      deliveryOutcome({
        kind: 'events',
        outcome: 'webhook-removed',
        attempts: [attempt(200, false)],
      }),
    ).toBe('challenge-mismatch');
    expect(
      deliveryOutcome({ kind: 'test', outcome: 'failed', attempts: [attempt(200, false)] }),
    ).toBe('challenge-mismatch');
    expect(deliveryOutcome({ kind: 'test', outcome: 'failed', attempts: [attempt(404)] })).toBe(
      'failed',
    );
    expect(
      deliveryOutcome({ kind: 'templates', outcome: 'failed', attempts: [attempt(200, false)] }),
    ).toBe('failed');
    expect(deliveryOutcome({ kind: 'events', outcome: 'no-webhook', attempts: [] })).toBe(
      'no-webhook',
    );
  });

  it('gives the challenge verdict of an attempt', () => {
    const events = { kind: 'events' as const, outcome: 'delivered' as const, attempts: [] };
    expect(challengeVerdict(events, attempt(200, true))).toBe('solved');
    expect(challengeVerdict(events, attempt(200, false))).toBe('mismatch');
    expect(challengeVerdict(events, attempt(500))).toBe('not-checked');
    expect(challengeVerdict({ ...events, kind: 'templates' }, attempt(200, false))).toBe(
      'not-checked',
    );
  });

  it('picks labels by locale, falling back to English', () => {
    const label = { en: 'Reply', de: 'Antworten', fr: 'Répondre' };
    expect(pickLabel(label, 'de')).toBe('Antworten');
    expect(pickLabel({ en: 'Reply' }, 'fr')).toBe('Reply');
    expect(pickLabel({ de: 'Nur' }, 'en')).toBe('Nur');
    expect(pickLabel(undefined, 'en')).toBe('');
    expect(pickLabel({ en: 42 }, 'en')).toBe('');
  });

  it('lets only absolute http(s) URLs become links and images', () => {
    expect(safeHttpUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeHttpUrl('http://127.0.0.1:3000/x')).toBe('http://127.0.0.1:3000/x');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      '//evil.com',
      '/x',
      42,
      null,
    ])
      expect(safeHttpUrl(bad), String(bad)).toBeUndefined();
  });

  it('describes an attachment URL as a reply attachment', () => {
    expect(attachmentFromUrl(' https://files.example.com/docs/Price%20list.PDF?x=1 ')).toEqual({
      url: 'https://files.example.com/docs/Price%20list.PDF?x=1',
      name: 'Price list.PDF',
      extension: 'pdf',
      mimetype: 'application/pdf',
    });
    expect(attachmentFromUrl('https://example.com/')).toEqual({
      url: 'https://example.com/',
      name: 'example.com',
      mimetype: 'application/octet-stream',
    });
    expect(attachmentFromUrl('ftp://example.com/a.txt')).toBeUndefined();
  });
});
