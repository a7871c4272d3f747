import { describe, expect, it } from 'vitest';
import { DemoError, launchChromium } from '../src/index.js';

describe('launchChromium', () => {
  it('fails (never skips) with a message naming the package when the browser is missing', async () => {
    const error = await launchChromium('/nonexistent/chromium').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoError);
    expect(error).toMatchObject({ code: 'browser_missing' });
    expect((error as Error).message).toMatch(
      /^@socialhub\/e2e: \/nonexistent\/chromium is missing: .*chromium package/,
    );
  });

  it("launches Debian's Chromium headless", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<p data-testid="hello">Hello</p>');
      expect(await page.getByTestId('hello').textContent()).toBe('Hello');
    } finally {
      await browser.close();
    }
  });
});
