import { describe, expect, it } from 'vitest';
import { buildManifest, defineManifest, manifestChanges } from './manifest.js';

const label = { en: 'a', de: 'b', fr: 'c' };
const paths = {
  webhook: '/webhook',
  templates: '/templates',
  addChannel: '/add',
  reactivateChannel: '/re',
};
const definition = defineManifest({
  ticketActions: [
    { type: 'reply', id: 'reply', label },
    { type: 'template_reply', id: 'tpl', label, config: { templates: { url: '/templates' } } },
  ],
});

describe('buildManifest', () => {
  it('adds the webhook and the callbacks, and resolves a relative templates URL', () => {
    const body = buildManifest(definition, {
      publicUrl: 'https://x.example/app/',
      secret: 's',
      paths,
    });
    expect(body.webhook).toEqual({ url: 'https://x.example/app/webhook', secret: 's' });
    expect(body.callbacks).toEqual({
      channelCreation: 'https://x.example/app/add',
      channelReactivation: 'https://x.example/app/re',
    });
    expect(body.inbox?.ticketActions?.[1]).toMatchObject({
      config: { templates: { url: 'https://x.example/app/templates' } },
    });
    expect(body.inbox?.rightSidebar).toEqual([]);
    // The definition itself is not changed.
    expect(definition.ticketActions[1].config.templates.url).toBe('/templates');
    expect(
      buildManifest(
        { ...definition, callbacks: false },
        { publicUrl: 'https://x.example', secret: 's', paths },
      ).callbacks,
    ).toBeUndefined();
  });
});

describe('manifestChanges', () => {
  const desired = buildManifest(definition, { publicUrl: 'https://x.example', secret: 's', paths });
  it('is empty when the manifest is up to date, whatever the key order', () => {
    const current = JSON.parse(JSON.stringify({ _id: 'm', ...desired }));
    current.webhook = { secret: 's', url: 'https://x.example/webhook' };
    expect(manifestChanges(current, desired)).toEqual({});
  });
  it('names only the top-level fields that differ', () => {
    const current = { ...desired, webhook: null, inbox: { ...desired.inbox, rightSidebar: [] } };
    expect(Object.keys(manifestChanges(current, desired))).toEqual(['webhook']);
    expect(Object.keys(manifestChanges(undefined, desired))).toEqual([
      'webhook',
      'inbox',
      'callbacks',
    ]);
  });
});
