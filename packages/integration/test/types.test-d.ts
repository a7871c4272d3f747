import { describe, expectTypeOf, it } from 'vitest';
import {
  type ActionHandlers,
  createIntegration,
  defineManifest,
  type PostedReply,
} from '../src/index.js';
import { createMemoryStore } from '../src/stores/memory-store.js';

const label = { en: 'x', de: 'x', fr: 'x' };
const manifest = defineManifest({
  ticketActions: [
    { type: 'reply', id: 'reply-by-email', label },
    {
      type: 'template_reply',
      id: 'template',
      label,
      config: { templates: { url: 'https://x.example/t' } },
    },
    { type: 'button', id: 'close', label },
  ],
});
const base = {
  manifest,
  store: createMemoryStore(),
  secret: 's'.repeat(32),
  publicUrl: 'https://x.example',
};

describe('handlers typed by the manifest', () => {
  it('gives each handler its action type and payload', () => {
    type Handlers = ActionHandlers<typeof manifest>;
    expectTypeOf<keyof Handlers>().toEqualTypeOf<'reply-by-email' | 'template' | 'close'>();
    expectTypeOf<Parameters<Handlers['reply-by-email']>[0]['payload']['text']>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<Parameters<Handlers['template']>[0]['payload']['variables']>().toEqualTypeOf<
      Record<string, unknown>
    >();
    expectTypeOf<ReturnType<Handlers['reply-by-email']>>().toEqualTypeOf<
      PostedReply | Promise<PostedReply>
    >();
    expectTypeOf<Parameters<Handlers['close']>[0]['actionId']>().toEqualTypeOf<'close'>();
  });

  it('rejects a handler for an action id the manifest lacks, a missing one, and misspelt fields', () => {
    createIntegration({
      ...base,
      handlers: {
        'reply-by-email': (event) => ({ networkItemId: event.payload.followupId }),
        template: () => ({ networkItemId: 'x' }),
        close: () => {},
        // @ts-expect-error: no action `reply-by-fax` in the manifest
        'reply-by-fax': () => ({ networkItemId: 'x' }),
      },
    });
    createIntegration({
      ...base,
      // @ts-expect-error: the handler of `close` is missing
      handlers: {
        'reply-by-email': () => ({ networkItemId: 'x' }),
        template: () => ({ networkItemId: 'x' }),
      },
    });
    createIntegration({
      ...base,
      handlers: {
        'reply-by-email': (event) => {
          // @ts-expect-error: misspelt payload field
          event.payload.txt;
          return { networkItemId: 'x' };
        },
        // @ts-expect-error: a reply handler must say what it posted
        template: () => {},
        close: () => {},
      },
    });
  });
});
