import { randomUUID } from 'node:crypto';
import type { PublicClient } from '@socialhub/client';
import { createTicket, type PublicResult } from '@socialhub/client/integration';
import type { ContactRequest } from './outbox.js';

/** The form's fields after validation. */
export interface ContactInput {
  name: string;
  email: string;
  message: string;
  /** Which connected channel the post goes to (a hidden field; optional). */
  channelId?: string;
}

/** Field → what is wrong with it, in words for the visitor. */
export type FieldErrors = Partial<Record<'name' | 'email' | 'message', string>>;

/** The validation result: the input, or the field errors and what was sent (to fill the form again). */
export type ParsedContact =
  | { ok: true; input: ContactInput }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Longest message SocialHub accepts in a ticket. */
export const MAX_MESSAGE_LENGTH = 10_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CHANNEL_ID = /^[a-f0-9]{24}$/;

/**
 * Validates a posted contact form (`application/x-www-form-urlencoded`): a name (1..100
 * characters), an email address and a message (1..10,000 characters, SocialHub's limit).
 * @example
 * const parsed = parseContactForm(new URLSearchParams('name=Anna&email=a@b.io&message=Hi'));
 */
export function parseContactForm(form: URLSearchParams): ParsedContact {
  const field = (key: string) => (form.get(key) ?? '').trim();
  const values = { name: field('name'), email: field('email'), message: field('message') };
  const errors: FieldErrors = {};
  if (values.name === '') errors.name = 'Please enter your name.';
  else if (values.name.length > 100) errors.name = 'Please use at most 100 characters.';
  if (!EMAIL.test(values.email) || values.email.length > 254)
    errors.email = 'Please enter an email address like anna@example.com.';
  if (values.message === '') errors.message = 'Please enter a message.';
  else if (values.message.length > MAX_MESSAGE_LENGTH)
    errors.message = `Please use at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')} characters.`;
  const channelId = field('channel');
  if (Object.keys(errors).length > 0)
    return {
      ok: false,
      errors,
      values: { ...values, ...(CHANNEL_ID.test(channelId) ? { channel: channelId } : {}) },
    };
  return {
    ok: true,
    input: {
      ...values,
      email: values.email.toLowerCase(),
      ...(CHANNEL_ID.test(channelId) ? { channelId } : {}),
    },
  };
}

/**
 * Turns a contact request into an Inbox ticket. The `networkItemId` is new for every post (a
 * repeat would be refused with `409`); the sender's email is the interactor id, so SocialHub
 * links all requests of one person.
 * @example
 * const { request, result } = await submitContact(client, channelId, input);
 */
export async function submitContact(
  client: PublicClient,
  channelId: string,
  input: ContactInput,
): Promise<{ request: ContactRequest; result: PublicResult<'/inbox/tickets', 'post'> }> {
  const request: ContactRequest = {
    networkItemId: `contact-${randomUUID()}`,
    channelId,
    name: input.name,
    email: input.email,
    message: input.message,
    receivedAt: new Date().toISOString(),
  };
  const result = await createTicket(client, {
    networkItemId: request.networkItemId,
    createdTime: request.receivedAt,
    message: input.message,
    interactor: { interactorId: input.email, name: input.name },
  });
  if (result.status === 201) request.ticketId = result.data._id;
  return { request, result };
}
