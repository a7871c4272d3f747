import type { components } from '@socialhub/schema/public';

type Schemas = components['schemas'];

/** A ticket action of the manifest (reply, template_reply, button, delete), from the contract. */
export type TicketAction = Schemas['TicketAction'];
/** The `PATCH /manifest` body, from the contract. */
export type ManifestUpdate = Schemas['ManifestUpdate'];
/** A manifest as `GET /` returns it. */
export type Manifest = Schemas['Manifest'];

/**
 * The manifest declared in code: the Inbox's ticket actions (their `id`s type the handlers), and
 * optionally the sidebar, the branding and the channel callbacks. The webhook is filled in by the
 * integration from its public URL and secret, and a `template_reply` action's relative
 * `config.templates.url` (such as `/templates`) is resolved against the public URL.
 */
export interface ManifestDefinition<A extends readonly TicketAction[] = readonly TicketAction[]> {
  ticketActions: A;
  rightSidebar?: readonly Schemas['RightSidebarTab'][];
  branding?: Schemas['ManifestBranding'];
  /**
   * Where SocialHub sends customers to add or reactivate channels (reusable manifests).
   * @default the integration's `/add-channel` and `/reactivate-channel` routes
   */
  callbacks?: Schemas['ManifestCallbacks'] | false;
}

/**
 * Declares the manifest once, in code, keeping each action's `id` and `type` as literal types so
 * that `createIntegration`'s handlers are checked against it.
 * @example
 * const manifest = defineManifest({
 *   ticketActions: [
 *     { type: 'reply', id: 'reply-by-email', label: { en: 'Reply', de: 'Antworten', fr: 'Répondre' } },
 *   ],
 * });
 */
export function defineManifest<const A extends readonly TicketAction[]>(
  manifest: ManifestDefinition<A>,
): ManifestDefinition<A> {
  return manifest;
}

/** The type without `readonly`, for the copies sent to SocialHub. */
type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

/**
 * The full `PATCH /manifest` body for a definition served at `publicUrl` with `secret`.
 * @example
 * buildManifest(manifest, { publicUrl: 'https://forms.example.com', secret });
 */
export function buildManifest(
  definition: ManifestDefinition,
  options: { publicUrl: string; secret: string; paths: IntegrationPaths },
): ManifestUpdate {
  const base = options.publicUrl.replace(/\/+$/, '');
  const ticketActions = structuredClone(definition.ticketActions) as Mutable<TicketAction[]>;
  for (const action of ticketActions)
    if (action.type === 'template_reply' && action.config.templates.url.startsWith('/'))
      action.config.templates.url = `${base}${action.config.templates.url}`;
  const body: ManifestUpdate = {
    webhook: { url: `${base}${options.paths.webhook}`, secret: options.secret },
    inbox: {
      ticketActions,
      rightSidebar: structuredClone(definition.rightSidebar ?? []) as Mutable<
        Schemas['RightSidebarTab'][]
      >,
    },
  };
  if (definition.branding) body.branding = structuredClone(definition.branding);
  if (definition.callbacks !== false)
    body.callbacks = definition.callbacks ?? {
      channelCreation: `${base}${options.paths.addChannel}`,
      channelReactivation: `${base}${options.paths.reactivateChannel}`,
    };
  return body;
}

/** The paths the integration serves its routes at. */
export interface IntegrationPaths {
  /** @default '/webhook' */
  webhook: string;
  /** @default '/templates' */
  templates: string;
  /** @default '/add-channel' */
  addChannel: string;
  /** @default '/reactivate-channel' */
  reactivateChannel: string;
}

/** JSON with object keys sorted, to compare manifests regardless of key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * The top-level fields of `desired` that differ from `current` (what `PATCH /manifest` must
 * send); empty when the manifest is up to date.
 */
export function manifestChanges(
  current: Manifest | undefined,
  desired: ManifestUpdate,
): ManifestUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of ['webhook', 'inbox', 'callbacks', 'branding'] as const) {
    if (desired[key] === undefined) continue;
    if (canonical(current?.[key] ?? null) !== canonical(desired[key])) changes[key] = desired[key];
  }
  return changes as ManifestUpdate;
}
