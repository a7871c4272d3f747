// @ts-check
// The template picker of a `template_reply` action: the mock fetches the integration's templates
// with a signed GET; the user picks one, fills in its variables (checked against the template's
// JSON Schema) and sees the text rendered before sending.
import { errorText } from '../lib/api.js';
import { h, replaceChildren } from '../lib/dom.js';
import { pickLabel } from '../lib/labels.js';
import { fieldValue, renderTemplate, validateVariables } from '../lib/template.js';

/**
 * @typedef {import('../../../ui-types.js').Template} Template
 * @typedef {{ networkId: string, language: string, variables: Record<string, unknown> }} TemplateChoice
 */

/**
 * @param {{
 *   action: { id: string, label: unknown },
 *   locale: string,
 *   isTimedOut: () => boolean,
 *   loadTemplates: () => Promise<Template[]>,
 *   onSend: (template: TemplateChoice) => Promise<boolean>,
 * }} options
 */
export function createTemplatePicker({ action, locale, isTimedOut, loadTemplates, onSend }) {
  /** @type {Template[]} */
  let templates = [];
  /** @type {Template | undefined} */
  let chosen;
  /** @type {string[]} */
  let loadError = [];
  let isSending = false;
  let currentLocale = locale;
  /** @type {Map<string, HTMLInputElement | HTMLSelectElement>} */
  const fields = new Map();

  const heading = h('h3', {}, pickLabel(action.label, locale));
  const select = h('select', {
    testid: 'template-select',
    attrs: { 'aria-label': 'Template', disabled: true },
  });
  const language = h('select', {
    testid: 'template-language',
    attrs: { 'aria-label': 'Language' },
  });
  const variables = h('div', { class: 'variables', testid: 'template-variables' });
  const preview = h('div', {
    class: 'preview',
    testid: 'template-preview',
    attrs: { 'aria-live': 'polite' },
  });
  const errors = h('ul', { class: 'errors', testid: 'template-errors' });
  const send = h(
    'button',
    { class: 'primary', testid: 'template-send', attrs: { type: 'submit' } },
    'Send template',
  );
  const retry = h(
    'button',
    { testid: 'template-retry', attrs: { type: 'button', hidden: true } },
    'Fetch again',
  );

  const element = h(
    'form',
    { class: 'editor', testid: 'template-picker', data: { actionId: action.id } },
    heading,
    h(
      'div',
      { class: 'field-row' },
      h('label', { class: 'field' }, 'Template ', select),
      h('label', { class: 'field' }, 'Language ', language),
      retry,
    ),
    variables,
    h('h4', {}, 'Preview'),
    preview,
    errors,
    h('div', { class: 'editor-footer' }, send),
  );

  /** The variables as filled in (empty fields left out). */
  const values = () => {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [name, field] of fields) {
      const schema = chosen?.variables[name] ?? {};
      const raw =
        field instanceof HTMLInputElement && field.type === 'checkbox'
          ? field.checked
          : field.value;
      const value = fieldValue(schema, raw);
      if (value !== undefined) out[name] = value;
    }
    return out;
  };

  const problems = () => {
    if (loadError.length > 0) return loadError;
    if (!chosen)
      return [templates.length ? 'Choose a template' : 'The integration offers no templates'];
    const found = validateVariables(chosen.variables, values());
    if (isTimedOut()) found.unshift('The action timed out');
    return found;
  };

  const refresh = () => {
    const found = problems();
    replaceChildren(
      errors,
      found.map((text) => h('li', {}, text)),
    );
    errors.dataset.count = String(found.length);
    errors.hidden = found.length === 0;
    preview.textContent = chosen ? renderTemplate(chosen.text[language.value] ?? '', values()) : '';
    send.disabled = isSending || found.length > 0;
  };

  /** @param {string} name @param {Record<string, unknown>} schema */
  const field = (name, schema) => {
    const title = typeof schema.title === 'string' ? schema.title : name;
    /** @type {HTMLInputElement | HTMLSelectElement} */
    let input;
    if (Array.isArray(schema.enum)) {
      input = h('select', {}, h('option', { props: { value: '' } }, 'Choose…'));
      for (const option of schema.enum)
        input.append(h('option', { props: { value: String(option) } }, String(option)));
    } else if (schema.type === 'boolean') {
      input = h('input', { attrs: { type: 'checkbox' } });
    } else if (schema.type === 'number' || schema.type === 'integer') {
      input = h('input', {
        attrs: {
          type: 'number',
          step: schema.type === 'integer' ? 1 : 'any',
          min: numberOrUndefined(schema.minimum),
          max: numberOrUndefined(schema.maximum),
        },
      });
    } else {
      input = h('input', {
        attrs: { type: 'text', maxlength: numberOrUndefined(schema.maxLength) },
      });
    }
    input.dataset.testid = `template-var-${name}`;
    input.setAttribute('aria-label', title);
    input.addEventListener('input', refresh);
    input.addEventListener('change', refresh);
    fields.set(name, input);
    return h(
      'label',
      { class: 'field' },
      `${title} `,
      input,
      typeof schema.description === 'string'
        ? h('span', { class: 'muted small' }, ` ${schema.description}`)
        : null,
    );
  };

  const choose = () => {
    chosen = templates.find((t) => t.networkId === select.value);
    fields.clear();
    const languages = chosen ? Object.keys(chosen.text) : [];
    language.replaceChildren(...languages.map((l) => h('option', { props: { value: l } }, l)));
    language.value = languages.includes(currentLocale)
      ? currentLocale
      : languages.includes('en')
        ? 'en'
        : (languages[0] ?? '');
    replaceChildren(
      variables,
      chosen ? Object.entries(chosen.variables).map(([name, schema]) => field(name, schema)) : [],
    );
    refresh();
  };

  const load = async () => {
    loadError = [];
    retry.hidden = true;
    select.disabled = true;
    replaceChildren(
      select,
      h('option', { props: { value: '' } }, 'Fetching templates from the integration…'),
    );
    refresh();
    try {
      templates = await loadTemplates();
      replaceChildren(
        select,
        h(
          'option',
          { props: { value: '' } },
          templates.length ? 'Choose a template…' : 'No templates',
        ),
        templates.map((t) => h('option', { props: { value: t.networkId } }, t.name)),
      );
      select.disabled = templates.length === 0;
    } catch (error) {
      templates = [];
      loadError = [`The templates could not be fetched: ${errorText(error)}`];
      retry.hidden = false;
      replaceChildren(select, h('option', { props: { value: '' } }, 'No templates'));
    }
    choose();
  };

  select.addEventListener('change', choose);
  language.addEventListener('change', refresh);
  retry.addEventListener('click', () => void load());
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!chosen || problems().length > 0 || isSending) return;
    isSending = true;
    refresh();
    const isSent = await onSend({
      networkId: chosen.networkId,
      language: language.value,
      variables: values(),
    });
    isSending = false;
    if (isSent) {
      select.value = '';
      choose();
    }
    refresh();
  });
  void load();

  return {
    element,
    /** @param {string} next */
    setLocale: (next) => {
      currentLocale = next;
      heading.textContent = pickLabel(action.label, next);
    },
    tick: refresh,
  };
}

/** @param {unknown} value */
const numberOrUndefined = (value) => (typeof value === 'number' ? value : undefined);
