/**
 * A small, real SocialHub integration on `@socialhub/integration`:
 * contact-form posts become Inbox tickets; replies, template replies, buttons and deletions made
 * in the Inbox come back as signed webhooks and are confirmed or reported as failed.
 * @example
 * import { createContactFormApp } from '@socialhub/example-contact-form';
 *
 * const app = await createContactFormApp({ socialHubUrl, accessToken, webhookSecret });
 * await app.configureManifest();
 * console.log(`open ${app.url}`);
 */
export {
  type ContactFormApp,
  type ContactFormOptions,
  createContactFormApp,
} from './app.js';
export { type ChannelRegistry, type ConnectedChannel, createChannelRegistry } from './channels.js';
export {
  type ContactInput,
  type FieldErrors,
  MAX_MESSAGE_LENGTH,
  type ParsedContact,
  parseContactForm,
  submitContact,
} from './contact.js';
export { ContactFormError, type ContactFormErrorCode } from './errors.js';
export { createHandlers } from './handlers.js';
export { ACTION_IDS, contactFormManifest } from './manifest.js';
export {
  type ActivityEntry,
  type ContactRequest,
  OUTBOX_LIMIT,
  type Outbox,
  type SentEmail,
} from './outbox.js';
export { findTemplate, renderTemplate, TEMPLATES } from './templates.js';
