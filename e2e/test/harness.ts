import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { type DemoStack, launchChromium, startDemo } from '../src/index.js';

/** Where screenshots go (gitignored; CI keeps them as test artefacts). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** A demo stack on ephemeral ports and a headless Chromium page looking at it. */
export interface Harness {
  demo: DemoStack;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the pages' scripts. */
  pageErrors: string[];
  /** Saves a full-page screenshot as `artifacts/<prefix>-<step>.png` and returns its path. */
  shot(step: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the demo stack exactly as `pnpm run main` does (ephemeral ports, fast webhook retries)
 * and a Chromium page. `prefix` names the screenshots.
 */
export async function openHarness(prefix: string): Promise<Harness> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const demo = await startDemo({
    socialHubPort: 0,
    examplePort: 0,
    webhooks: { batchWindowMs: 5, retryDelaysMs: [50, 100], timeoutMs: 5000 },
  });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await demo.close();
    throw error;
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const shot = async (step: string) => {
    const path = `${ARTIFACTS_DIR}${prefix}-${step}.png`;
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  return {
    demo,
    browser,
    context,
    page,
    pageErrors,
    shot,
    close: async () => {
      await browser.close();
      await demo.close();
    },
  };
}

/** Registers a screenshot of the page, `<prefix>-failed-<test>.png`, for every test of the file that fails. */
export function shotOnFailure(harness: () => Harness | undefined): void {
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const slug = context.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await harness()
      ?.shot(`failed-${slug}`)
      .catch(() => {});
  });
}

/** A CSS selector for a `data-testid`, with optional attribute equalities. */
export function byTestId(testId: string, attributes: Record<string, string> = {}): string {
  const extra = Object.entries(attributes)
    .map(([name, value]) => `[${name}=${JSON.stringify(value)}]`)
    .join('');
  return `[data-testid=${JSON.stringify(testId)}]${extra}`;
}

/** Sends the example's contact form in the browser and returns the id of the ticket it made. */
export async function submitContactForm(
  h: Harness,
  fields: { name: string; email: string; message: string },
): Promise<string> {
  const { page } = h;
  await page.goto(h.demo.urls.contactForm);
  await page.getByTestId('contact-name').fill(fields.name);
  await page.getByTestId('contact-email').fill(fields.email);
  await page.getByTestId('contact-message').fill(fields.message);
  await page.getByTestId('contact-submit').click();
  await page.getByTestId('thanks').waitFor();
  const ticketId = (await page.getByTestId('ticket-id').textContent())?.trim();
  if (!ticketId) throw new Error('the thanks page shows no ticket id');
  return ticketId;
}

/** Posts the contact form over HTTP (for tests whose subject is not the form) and returns the ticket id. */
export async function postContactForm(
  demo: DemoStack,
  fields: { name: string; email: string; message: string },
): Promise<string> {
  const response = await fetch(`${demo.app.url}/contact`, {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  const html = await response.text();
  const ticketId = /data-testid="ticket-id"[^>]*>([^<]+)</.exec(html)?.[1];
  if (response.status !== 200 || !ticketId)
    throw new Error(`the contact form answered ${response.status}`);
  return ticketId;
}

/** Opens the demo channel's Inbox and the ticket's detail. */
export async function openTicket(h: Harness, ticketId: string): Promise<void> {
  const { page } = h;
  await page.goto(h.demo.urls.inbox);
  await page.locator(byTestId('ticket-row', { 'data-ticket-id': ticketId })).click();
  await page.getByTestId('ticket-detail').waitFor();
}
