import type { Template } from '@socialhub/webhook-kit';

/**
 * The templates offered to `template_reply` actions: Handlebars text per locale and the variables
 * the community manager fills in, as a JSON Schema `properties` map.
 */
export const TEMPLATES: readonly Template[] = [
  {
    name: 'Thanks, we are on it',
    networkId: 'thanks',
    variables: {
      firstName: { type: 'string', title: 'First name', minLength: 1, maxLength: 50 },
      days: { type: 'integer', title: 'Working days', minimum: 1, maximum: 30 },
    },
    text: {
      en: 'Hello {{firstName}}, thank you for your message. We will answer within {{days}} working days.',
      de: 'Hallo {{firstName}}, danke für Ihre Nachricht. Wir antworten innerhalb von {{days}} Werktagen.',
      fr: 'Bonjour {{firstName}}, merci pour votre message. Nous répondrons sous {{days}} jours ouvrés.',
    },
  },
  {
    name: 'Call back',
    networkId: 'call-back',
    variables: {
      date: { type: 'string', title: 'Date (YYYY-MM-DD)', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      slot: { type: 'string', title: 'Time of day', enum: ['morning', 'afternoon'] },
    },
    text: {
      en: 'We will call you on {{date}} in the {{slot}}.',
      de: 'Wir rufen Sie am {{date}} an ({{slot}}).',
      fr: 'Nous vous appellerons le {{date}} ({{slot}}).',
    },
  },
];

/** The template with this `networkId`, or undefined. */
export function findTemplate(networkId: string): Template | undefined {
  return TEMPLATES.find((template) => template.networkId === networkId);
}

/**
 * Renders a template's text for `language` (English when it has none) with the variables: the
 * `{{name}}` subset of Handlebars these templates use; use the `handlebars` package for more.
 * Plain text for an email, so nothing is HTML-escaped; a missing variable renders as ''.
 * @example
 * renderTemplate(findTemplate('thanks'), 'de', { firstName: 'Anna', days: 2 });
 */
export function renderTemplate(
  template: Template,
  language: string,
  variables: Record<string, unknown>,
): string {
  const text = template.text[language] ?? template.text.en ?? '';
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_match, name: string) => {
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    return value === undefined || value === null ? '' : String(value);
  });
}
