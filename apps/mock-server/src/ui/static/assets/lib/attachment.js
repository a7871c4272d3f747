// @ts-check
import { safeHttpUrl } from './dom.js';

/** Media types for the common file extensions (the mock does not fetch the file). */
const MEDIA_TYPES = /** @type {Record<string, string>} */ ({
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
});

/**
 * A reply attachment (`{ url, name, extension?, mimetype }`) for a file URL the user entered;
 * `undefined` unless the URL is absolute http(s).
 * @param {string} text
 * @returns {{ url: string, name: string, extension?: string, mimetype: string } | undefined}
 */
export function attachmentFromUrl(text) {
  const href = safeHttpUrl(text.trim());
  if (!href) return undefined;
  const url = new URL(href);
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // keep it encoded
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
  if (!name) name = url.hostname; // a URL without a file name: no extension to read
  return {
    url: href,
    name,
    ...(extension ? { extension } : {}),
    mimetype: (extension && MEDIA_TYPES[extension]) || 'application/octet-stream',
  };
}
