/** Webhook artefacts of the public contract (filled in once its webhooks are known). */
import type { JsonObject } from './json-pointer.ts';

/** Emits the webhook modules; returns their files and the event types found. */
export function emitWebhooksModules(_options: {
  doc: JsonObject;
  header: string;
  names: Map<string, string>;
}): { files: { name: string; content: string }[]; events: string[] } {
  return { files: [], events: [] };
}
