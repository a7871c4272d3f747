import type { ConnectedChannel } from './channels.js';
import type { FieldErrors } from './contact.js';
import { MAX_MESSAGE_LENGTH } from './contact.js';
import type { Outbox } from './outbox.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1c1c1c; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem; border: 1px solid #888; border-radius: 4px; }
[aria-invalid="true"] { border-color: #b00020; }
.error { color: #b00020; margin: .25rem 0 0; }
button { margin-top: 1rem; font: inherit; padding: .5rem 1.25rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ddd; padding: .35rem .5rem; }
nav a { margin-right: 1rem; }
.failed { color: #b00020; }
`;

/** A whole page around `body`. */
function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<nav><a href="/">Contact form</a><a href="/outbox">Outbox</a></nav>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The contact form; with `errors`, the fields are marked and filled with what was sent. */
export function formPage(
  options: { values?: Record<string, string>; errors?: FieldErrors; channelId?: string } = {},
): string {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  // `control` gets the attributes that tie an invalid field to its message.
  const field = (
    name: 'name' | 'email' | 'message',
    label: string,
    control: (attributes: string) => string,
  ) => {
    const error = errors[name];
    return `<label for="${name}">${label}</label>
${control(error ? `aria-invalid="true" aria-describedby="${name}-error"` : '')}
${error ? `<p class="error" id="${name}-error" data-testid="${name}-error">${escapeHtml(error)}</p>` : ''}`;
  };
  const value = (name: string) => escapeHtml(values[name] ?? '');
  const summary =
    Object.keys(errors).length > 0
      ? `<p class="error" role="alert" data-testid="form-errors">Please correct the marked fields.</p>`
      : '';
  return layout(
    'Contact us',
    `<h1>Contact us</h1>
<p>Send us a message; our team answers from SocialHub.</p>
${summary}
<form id="contact-form" data-testid="contact-form" method="post" action="/contact" novalidate>
${options.channelId ? `<input type="hidden" name="channel" value="${escapeHtml(options.channelId)}">` : ''}
${field('name', 'Name', (a) => `<input id="name" name="name" data-testid="contact-name" autocomplete="name" required maxlength="100" value="${value('name')}" ${a}>`)}
${field('email', 'Email', (a) => `<input id="email" name="email" type="email" data-testid="contact-email" autocomplete="email" required value="${value('email')}" ${a}>`)}
${field('message', 'Message', (a) => `<textarea id="message" name="message" data-testid="contact-message" rows="6" required maxlength="${MAX_MESSAGE_LENGTH}" ${a}>${value('message')}</textarea>`)}
<button type="submit" data-testid="contact-submit">Send</button>
</form>`,
  );
}

/** The answer after a successful post. */
export function thanksPage(name: string, ticketId?: string): string {
  return layout(
    'Thank you',
    `<h1 data-testid="thanks">Thank you, ${escapeHtml(name)}!</h1>
<p>We received your message and will answer by email.</p>
${ticketId ? `<p>Reference: <code data-testid="ticket-id">${escapeHtml(ticketId)}</code></p>` : ''}
<p><a href="/">Send another message</a></p>`,
  );
}

/** An error page for people (the form, the channel callbacks). */
export function errorPage(title: string, message: string, code: string): string {
  return layout(
    title,
    `<h1 data-testid="error">${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p>Code: <code data-testid="error-code">${escapeHtml(code)}</code></p>`,
  );
}

/** What the example did: the emails it "sent", the actions it handled, its channels. */
export function outboxPage(outbox: Outbox, channels: ConnectedChannel[]): string {
  const rows = <T>(items: T[], empty: string, row: (item: T) => string) =>
    items.length === 0 ? `<tr><td colspan="9">${empty}</td></tr>` : items.map(row).join('\n');
  const emails = rows([...outbox.emails].reverse(), 'No emails yet.', (email) => {
    const files = email.attachments.map((a) => `<br>📎 ${escapeHtml(a.name)}`).join('');
    return `<tr data-testid="email" data-ticket-id="${escapeHtml(email.ticketId)}"><td>${escapeHtml(email.sentAt)}</td><td>${escapeHtml(email.to)}</td><td>${escapeHtml(email.text)}${files}</td></tr>`;
  });
  const activity = rows([...outbox.activity].reverse(), 'Nothing yet.', (entry) => {
    return `<tr data-testid="activity-entry" data-outcome="${entry.outcome}" class="${entry.outcome}"><td>${escapeHtml(entry.time)}</td><td>${escapeHtml(entry.action)}</td><td>${escapeHtml(entry.ticketId ?? '')}</td><td>${entry.outcome}</td><td>${escapeHtml(entry.detail)}</td></tr>`;
  });
  const connected = rows(channels, 'No channel connected.', (channel) => {
    const state = channel.isDisabled ? 'disabled' : 'active';
    return `<tr data-testid="channel" data-channel-id="${escapeHtml(channel.channelId)}"><td>${escapeHtml(channel.name)}</td><td><code>${escapeHtml(channel.channelId)}</code></td><td>${state}</td><td><a href="/?channel=${escapeHtml(channel.channelId)}">form</a></td></tr>`;
  });
  return layout(
    'Outbox',
    `<h1>Outbox</h1>
<h2>Sent emails</h2>
<table data-testid="outbox-emails"><tr><th>Sent</th><th>To</th><th>Text</th></tr>
${emails}
</table>
<h2>Ticket actions</h2>
<table data-testid="activity"><tr><th>Time</th><th>Action</th><th>Ticket</th><th>Outcome</th><th>Detail</th></tr>
${activity}
</table>
<h2>Channels</h2>
<table data-testid="channels"><tr><th>Name</th><th>Id</th><th>State</th><th></th></tr>
${connected}
</table>`,
  );
}
