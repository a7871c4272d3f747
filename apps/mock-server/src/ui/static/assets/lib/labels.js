// @ts-check

/** The locales of manifest labels. */
export const LOCALES = /** @type {const} */ (['en', 'de', 'fr']);

const STORAGE_KEY = 'socialhub-mock-ui.locale';

/**
 * The label text for a locale: `{ en, de, fr }` → the locale's text, else English, else any.
 * @param {unknown} label
 * @param {string} locale
 * @returns {string}
 */
export function pickLabel(label, locale) {
  if (typeof label === 'string') return label;
  if (!label || typeof label !== 'object') return '';
  const texts = /** @type {Record<string, unknown>} */ (label);
  const text = texts[locale] ?? texts.en ?? Object.values(texts)[0];
  return typeof text === 'string' ? text : '';
}

/** The locale the user chose last (English at first). */
export function savedLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved && /** @type {readonly string[]} */ (LOCALES).includes(saved) ? saved : 'en';
  } catch {
    return 'en';
  }
}

/** @param {string} locale */
export function saveLocale(locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
