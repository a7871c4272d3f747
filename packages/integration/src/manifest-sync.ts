import type { PublicClient } from '@socialhub/client';
import { ManifestError } from './errors.js';
import { type ManifestUpdate, manifestChanges } from './manifest.js';

/** What setting the manifest of one channel came to. */
export interface ManifestSyncResult {
  channelId: string;
  /** `updated` (PATCHed the fields that differed), `unchanged`, or `reusable` (promoted: not editable). */
  outcome: 'updated' | 'unchanged' | 'reusable';
  /** The top-level fields sent. */
  changed: string[];
}

/**
 * Reads the channel's manifest (`GET /`) and sends `PATCH /manifest` with only the top-level
 * fields that differ. A promoted manifest (no manifest in `GET /`, or `403`) is `reusable`;
 * any other refusal throws `ManifestError` (`webhook_test_failed` when the test request failed).
 */
export async function syncManifest(
  client: PublicClient,
  desired: ManifestUpdate,
  channelId: string,
): Promise<ManifestSyncResult> {
  const info = await client.GET('/');
  if (info.status !== 200)
    throw new ManifestError(
      'manifest_rejected',
      `GET / answered ${info.status} ${info.error.code}: ${info.error.message}`,
      {
        status: info.status,
        code: info.error.code,
      },
    );
  if (!info.data.manifest) return { channelId, outcome: 'reusable', changed: [] };
  const changes = manifestChanges(info.data.manifest, desired);
  const changed = Object.keys(changes);
  if (changed.length === 0) return { channelId, outcome: 'unchanged', changed };
  const result = await client.PATCH('/manifest', { body: changes });
  if (result.status === 200) return { channelId, outcome: 'updated', changed };
  const { code, message, data } = result.error;
  if (result.status === 403 && code === 'ManifestNotEditable')
    return { channelId, outcome: 'reusable', changed: [] };
  if (result.status === 422 && code === 'WebhookValidationError') {
    const detail = typeof data === 'string' ? ` (${data})` : '';
    throw new ManifestError(
      'webhook_test_failed',
      `the webhook test request to ${desired.webhook?.url} failed: ${message}${detail}`,
      { status: 422, code },
    );
  }
  throw new ManifestError(
    'manifest_rejected',
    `PATCH /manifest answered ${result.status} ${code}: ${message}`,
    {
      status: result.status,
      code,
    },
  );
}
