import type { PublicClient } from '@socialhub/client';
import type { Schemas } from '@socialhub/client/integration';
import { ContactFormError } from './errors.js';

/** The manifest fields this example sets (`PATCH /manifest` body). */
export type ContactFormManifest = Schemas['ManifestUpdate'];

/** Options of `createContactFormManifest`. */
export interface ManifestOptions {
  /** Where SocialHub reaches the example, e.g. `https://forms.example.com` (no trailing slash needed). */
  publicUrl: string;
  /** The webhook secret (32..512 characters) SocialHub signs deliveries and the templates GET with. */
  webhookSecret: string;
}

/** Ticket action ids, as the webhook events name them in `actionId`. */
export const ACTION_IDS = {
  reply: 'reply',
  templateReply: 'template-reply',
  close: 'close',
  spam: 'spam',
  /** The button that always fails, to show how a failure is reported. */
  crm: 'send-to-crm',
  delete: 'delete',
} as const;

// The community managers of this demo neither tag tickets first nor go through approval.
const quick = { forceTagging: false } as const;

/**
 * The manifest of the contact-form integration: the webhook, the Inbox ticket actions (labels in
 * en/de/fr) and the channel creation / reactivation callbacks for a reusable manifest.
 * @example
 * const manifest = createContactFormManifest({ publicUrl: 'https://forms.example.com', webhookSecret });
 */
export function createContactFormManifest(options: ManifestOptions): ContactFormManifest {
  const base = options.publicUrl.replace(/\/+$/, '');
  return {
    webhook: { url: `${base}/webhook`, secret: options.webhookSecret },
    inbox: {
      ticketActions: [
        {
          type: 'reply',
          id: ACTION_IDS.reply,
          label: { en: 'Reply by email', de: 'Per E-Mail antworten', fr: 'Répondre par e-mail' },
          config: { ...quick, approvalProcess: false, maxLength: 5000 },
          attachments: {},
        },
        {
          type: 'template_reply',
          id: ACTION_IDS.templateReply,
          label: {
            en: 'Reply with a template',
            de: 'Mit Vorlage antworten',
            fr: 'Répondre avec un modèle',
          },
          config: { ...quick, approvalProcess: false, templates: { url: `${base}/templates` } },
        },
        {
          type: 'button',
          id: ACTION_IDS.close,
          label: { en: 'Close request', de: 'Anfrage schließen', fr: 'Clore la demande' },
          config: quick,
        },
        {
          type: 'button',
          id: ACTION_IDS.spam,
          label: { en: 'Mark as spam', de: 'Als Spam markieren', fr: 'Marquer comme spam' },
          config: quick,
        },
        {
          type: 'button',
          id: ACTION_IDS.crm,
          label: { en: 'Send to CRM', de: 'An CRM senden', fr: 'Envoyer au CRM' },
          config: quick,
        },
        {
          type: 'delete',
          id: ACTION_IDS.delete,
          label: {
            en: 'Delete personal data',
            de: 'Personendaten löschen',
            fr: 'Supprimer les données',
          },
          config: quick,
        },
      ],
      rightSidebar: [],
    },
    callbacks: {
      channelCreation: `${base}/add-channel`,
      channelReactivation: `${base}/reactivate-channel`,
    },
  };
}

/**
 * Sets the manifest of the token's channel. SocialHub first sends a signed test request to the
 * webhook, so the example must already be reachable at `publicUrl`. Resolves to `'reusable'`
 * when the manifest was promoted (the SocialHub Team changes it from then on); throws
 * `ContactFormError` when SocialHub refuses it.
 * @example
 * await configureManifest(createPublicClient({ accessToken }), manifest);
 */
export async function configureManifest(
  client: PublicClient,
  manifest: ContactFormManifest,
): Promise<'configured' | 'reusable'> {
  const result = await client.PATCH('/manifest', { body: manifest });
  if (result.status === 200) return 'configured';
  const { code, message, data } = result.error;
  if (result.status === 403 && code === 'ManifestNotEditable') return 'reusable';
  if (result.status === 422 && code === 'WebhookValidationError') {
    // `data` holds SocialHub's own error text for the test request.
    const detail = typeof data === 'string' ? ` (${data})` : '';
    throw new ContactFormError(
      'webhook_test_failed',
      `the webhook test request to ${manifest.webhook?.url} failed: ${message}${detail}`,
    );
  }
  throw new ContactFormError(
    'manifest_rejected',
    `PATCH /manifest answered ${result.status} ${code}: ${message}`,
  );
}
