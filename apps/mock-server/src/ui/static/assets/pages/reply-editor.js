// @ts-check
// The reply editor of a `reply` ticket action, honouring the manifest: `options` (a required
// choice), `attachments` (a file URL) with `noText`, `config.maxLength` and `config.timeout`.
import { attachmentFromUrl } from '../lib/attachment.js';
import { h } from '../lib/dom.js';
import { pickLabel } from '../lib/labels.js';

/**
 * @typedef {import('../../../ui-types.js').ReplyAction} ReplyAction
 * @typedef {{ text?: string, attachments?: object[], option?: string }} ReplyInput
 */

/**
 * @param {{
 *   action: ReplyAction,
 *   locale: string,
 *   isTimedOut: () => boolean,
 *   onSend: (input: ReplyInput) => Promise<boolean>,
 * }} options `onSend` resolves to whether the mock took the reply
 */
export function createReplyEditor({ action, locale, isTimedOut, onSend }) {
  const maxLength = action.config?.maxLength;
  const options = action.options ?? [];
  const allowsAttachments = action.attachments !== undefined && action.attachments !== null;
  const noText = action.attachments?.noText === true;
  let isSending = false;
  let currentLocale = locale;

  const heading = h('h3', {}, pickLabel(action.label, locale));
  const optionSelect = h(
    'select',
    { testid: 'reply-option', attrs: { required: true, 'aria-label': 'Reply option' } },
    h('option', { props: { value: '' } }, 'Choose an option…'),
  );
  const optionDescription = h('p', { class: 'muted small', testid: 'reply-option-description' });
  const text = h('textarea', {
    testid: 'reply-text',
    attrs: { rows: 5, placeholder: 'Write a reply…', 'aria-label': 'Reply text' },
  });
  const attachmentUrl = h('input', {
    testid: 'reply-attachment-url',
    attrs: {
      type: 'url',
      placeholder: 'Attachment URL (http or https)',
      'aria-label': 'Attachment URL',
    },
  });
  const counter = h('span', {
    class: 'counter',
    testid: 'reply-counter',
    attrs: { 'aria-live': 'polite' },
  });
  const hint = h('span', { class: 'muted small', testid: 'reply-hint' });
  const send = h(
    'button',
    { class: 'primary', testid: 'reply-send', attrs: { type: 'submit' } },
    'Send reply',
  );

  const fillOptions = (/** @type {string} */ current) => {
    const chosen = optionSelect.value;
    optionSelect.replaceChildren(h('option', { props: { value: '' } }, 'Choose an option…'));
    for (const option of options)
      optionSelect.append(
        h('option', { props: { value: option.id } }, pickLabel(option.label, current)),
      );
    optionSelect.value = chosen;
  };
  fillOptions(locale);

  /** What is wrong with the reply as it stands (nothing when it can be sent). */
  const problems = () => {
    const hasAttachment = attachmentUrl.value.trim() !== '';
    const value = text.disabled ? '' : text.value;
    /** @type {string[]} */
    const found = [];
    if (isTimedOut()) found.push('The action timed out');
    if (options.length > 0 && optionSelect.value === '') found.push('Choose an option');
    if (hasAttachment && !attachmentFromUrl(attachmentUrl.value))
      found.push('The attachment URL must be http(s)');
    if (value.trim() === '' && !hasAttachment)
      found.push(allowsAttachments ? 'Write a reply or attach a file' : 'Write a reply');
    if (maxLength !== undefined && value.length > maxLength)
      found.push(`At most ${maxLength} characters`);
    return found;
  };

  const refresh = () => {
    const hasAttachment = attachmentUrl.value.trim() !== '';
    text.disabled = noText && hasAttachment;
    const length = text.disabled ? 0 : text.value.length;
    counter.textContent = maxLength === undefined ? `${length}` : `${length} / ${maxLength}`;
    counter.dataset.over = String(maxLength !== undefined && length > maxLength);
    const chosen = options.find((o) => o.id === optionSelect.value);
    optionDescription.textContent = chosen ? pickLabel(chosen.description, currentLocale) : '';
    const found = problems();
    hint.textContent = found.join(' · ');
    send.disabled = isSending || found.length > 0;
  };

  const element = h(
    'form',
    { class: 'editor', testid: 'reply-editor', data: { actionId: action.id } },
    heading,
    options.length > 0 ? h('label', { class: 'field' }, 'Option ', optionSelect) : null,
    options.length > 0 ? optionDescription : null,
    text,
    allowsAttachments
      ? h(
          'label',
          { class: 'field' },
          'Attachment ',
          attachmentUrl,
          noText ? h('span', { class: 'muted small' }, ' (no text with an attachment)') : null,
        )
      : null,
    h('div', { class: 'editor-footer' }, counter, hint, send),
  );
  for (const input of [text, attachmentUrl]) input.addEventListener('input', refresh);
  optionSelect.addEventListener('change', refresh);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (problems().length > 0 || isSending) return;
    const attachment = attachmentFromUrl(attachmentUrl.value);
    const value = text.disabled ? '' : text.value;
    isSending = true;
    refresh();
    const isSent = await onSend({
      ...(value.trim() === '' ? {} : { text: value }),
      ...(attachment ? { attachments: [attachment] } : {}),
      ...(optionSelect.value === '' ? {} : { option: optionSelect.value }),
    });
    isSending = false;
    if (isSent) {
      text.value = '';
      attachmentUrl.value = '';
      optionSelect.value = '';
    }
    refresh();
  });
  refresh();

  return {
    element,
    /** @param {string} next */
    setLocale: (next) => {
      currentLocale = next;
      heading.textContent = pickLabel(action.label, next);
      fillOptions(next);
      refresh();
    },
    /** Re-checks the timeout. */
    tick: refresh,
  };
}
