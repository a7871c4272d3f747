import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { DemoError } from './errors.js';

/** Debian's Chromium (`apt-get install chromium`); the tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launches Debian's headless Chromium with playwright-core. Throws `DemoError`
 * (`browser_missing`) when it is not installed, so a machine without it fails instead of skipping.
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * await browser.close();
 */
export async function launchChromium(
  /** @default CHROMIUM_PATH */
  executablePath: string = CHROMIUM_PATH,
): Promise<Browser> {
  if (!existsSync(executablePath))
    throw new DemoError(
      'browser_missing',
      `${executablePath} is missing: the browser tests need Debian's chromium package ` +
        '(apt-get install -y --no-install-recommends chromium; npm test installs it)',
    );
  return chromium.launch({
    executablePath,
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
    // --disable-dev-shm-usage: a container's small /dev/shm crashes it (Debian's launcher means to
    // add the flag itself but its check can fail when findmnt reports two mounts).
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}
