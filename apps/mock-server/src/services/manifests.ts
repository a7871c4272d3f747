import { ManifestUpdateSchema } from '@socialhub/schema/public/zod';
import type { z } from 'zod';
import { MockServerError, notFound, validationError } from '../http/errors.js';
import { parseOrThrow } from '../http/validate.js';
import type { ChannelRecord, ManifestRecord } from '../state/types.js';
import { manifestOf } from './channels.js';
import type { MockCore } from './core.js';

/** A validated `PATCH /manifest` body. */
export type ManifestUpdate = z.output<typeof ManifestUpdateSchema>;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * `http://` on a loopback host, which the mock accepts where SocialHub requires `https://`
 * (webhook and callback URLs), so that an integration running on the developer's machine works.
 */
export function isLoopbackHttp(url: unknown): url is string {
  if (typeof url !== 'string' || !url.startsWith('http://')) return false;
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

const asHttps = (url: unknown) => (isLoopbackHttp(url) ? `https://${url.slice(7)}` : url);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a manifest body with the generated schema and the rules it cannot express. */
export function parseManifestUpdate(raw: unknown): ManifestUpdate {
  // Validate loopback http:// URLs as if they were https://, then keep what was sent.
  let candidate = raw;
  if (isRecord(raw)) {
    candidate = { ...raw };
    const c = candidate as Record<string, unknown>;
    if (isRecord(raw.webhook)) c.webhook = { ...raw.webhook, url: asHttps(raw.webhook.url) };
    if (isRecord(raw.callbacks)) {
      c.callbacks = Object.fromEntries(
        Object.entries(raw.callbacks).map(([key, value]) => [key, asHttps(value)]),
      );
    }
  }
  const body = parseOrThrow(ManifestUpdateSchema, candidate, 'The manifest');
  if (isRecord(raw)) {
    if (body.webhook && isRecord(raw.webhook)) body.webhook.url = raw.webhook.url as string;
    if (body.callbacks && isRecord(raw.callbacks)) {
      for (const key of ['channelCreation', 'channelReactivation'] as const) {
        if (body.callbacks[key] !== undefined) body.callbacks[key] = raw.callbacks[key] as string;
      }
    }
  }
  checkTicketActions(body);
  return body;
}

/** The rules of ticket actions JSON Schema leaves to the server (`x-unique-by`, reply-only fields). */
function checkTicketActions(body: ManifestUpdate) {
  const actions = body.inbox?.ticketActions ?? [];
  const seen = new Set<string>();
  actions.forEach((action, index) => {
    if (seen.has(action.id))
      throw validationError(`inbox.ticketActions[${index}].id "${action.id}" is used twice`);
    seen.add(action.id);
    if (action.type !== 'reply') {
      for (const key of ['attachments', 'options'] as const) {
        if (key in action)
          throw validationError(
            `inbox.ticketActions[${index}].${key} is only allowed on reply actions`,
          );
      }
      return;
    }
    const options = new Set<string>();
    for (const option of action.options ?? []) {
      if (options.has(option.id))
        throw validationError(
          `inbox.ticketActions[${index}].options id "${option.id}" is used twice`,
        );
      options.add(option.id);
    }
  });
}

/**
 * Writes the sent top-level fields over the stored ones (`webhook: null` removes the webhook);
 * the validated body is spread, so a field the contract adds is kept with no edit here.
 */
export function applyManifestUpdate(manifest: ManifestRecord, body: ManifestUpdate) {
  Object.assign(manifest, body);
}

/**
 * `PATCH /manifest`: refused once the manifest is reusable; a new webhook must pass the signed
 * test request first (`422 WebhookValidationError` and nothing stored otherwise).
 */
export async function updateManifestOfChannel(
  core: MockCore,
  channel: ChannelRecord,
  raw: unknown,
): Promise<ManifestRecord> {
  const manifest = manifestOf(core, channel);
  if (manifest.isReusable) {
    throw new MockServerError(
      403,
      'ManifestNotEditable',
      'Error: This manifest is reusable; changes must be requested from the SocialHub Team',
    );
  }
  const body = parseManifestUpdate(raw);
  if (body.webhook) await core.engine.testWebhook(channel, manifest, body.webhook);
  applyManifestUpdate(manifest, body);
  core.store.touch();
  return manifest;
}

/** The manifest, or `404`. */
export function getManifest(core: MockCore, manifestId: string): ManifestRecord {
  const manifest = core.store.state.manifests[manifestId];
  if (!manifest) throw notFound('Manifest');
  return manifest;
}

/** The SocialHub Team promotes a manifest to reusable; it needs `callbacks.channelCreation`. */
export function promoteManifest(core: MockCore, manifestId: string, name: string): ManifestRecord {
  const manifest = getManifest(core, manifestId);
  if (!manifest.callbacks?.channelCreation) {
    throw validationError('A manifest needs callbacks.channelCreation to be promoted');
  }
  manifest.isReusable = true;
  manifest.name = name;
  core.store.touch();
  return manifest;
}

/** The SocialHub Team creates a reusable manifest directly (no custom channel first). */
export function createReusableManifest(
  core: MockCore,
  input: { name: string; accountId?: string; manifest: unknown },
): ManifestRecord {
  const body = parseManifestUpdate(input.manifest);
  const manifest: ManifestRecord = {
    _id: core.ids.objectId(),
    accountId: input.accountId ?? core.store.state.defaultAccountId,
    name: input.name,
    isReusable: true,
    webhook: null,
    inbox: { ticketActions: [], rightSidebar: [] },
  };
  applyManifestUpdate(manifest, body);
  core.store.state.manifests[manifest._id] = manifest;
  core.store.touch();
  return manifest;
}
