import { defineManifest } from '@socialhub/integration';

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

const label = (en: string, de: string, fr: string) => ({ en, de, fr });
// The community managers of this demo neither tag tickets first nor go through approval.
const quick = { forceTagging: false } as const;

/**
 * The manifest of the contact-form integration, declared once: the Inbox ticket actions (their
 * ids type the handlers). `@socialhub/integration` adds the webhook, resolves the templates URL
 * and adds the channel creation / reactivation callbacks from the public URL.
 */
export const contactFormManifest = defineManifest({
  ticketActions: [
    {
      type: 'reply',
      id: ACTION_IDS.reply,
      label: label('Reply by email', 'Per E-Mail antworten', 'Répondre par e-mail'),
      config: { ...quick, approvalProcess: false, maxLength: 5000 },
      attachments: {},
    },
    {
      type: 'template_reply',
      id: ACTION_IDS.templateReply,
      label: label('Reply with a template', 'Mit Vorlage antworten', 'Répondre avec un modèle'),
      config: { ...quick, approvalProcess: false, templates: { url: '/templates' } },
    },
    {
      type: 'button',
      id: ACTION_IDS.close,
      label: label('Close request', 'Anfrage schließen', 'Clore la demande'),
      config: quick,
    },
    {
      type: 'button',
      id: ACTION_IDS.spam,
      label: label('Mark as spam', 'Als Spam markieren', 'Marquer comme spam'),
      config: quick,
    },
    {
      type: 'button',
      id: ACTION_IDS.crm,
      label: label('Send to CRM', 'An CRM senden', 'Envoyer au CRM'),
      config: quick,
    },
    {
      type: 'delete',
      id: ACTION_IDS.delete,
      label: label('Delete personal data', 'Personendaten löschen', 'Supprimer les données'),
      config: quick,
    },
  ],
});
