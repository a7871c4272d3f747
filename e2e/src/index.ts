/**
 * The demo stack (the mock SocialHub and the contact-form example wired together) that
 * `pnpm run main` starts and the browser tests drive, its check, and Debian's headless Chromium.
 * @example
 * import { checkDemo, startDemo } from '@socialhub/e2e';
 *
 * const demo = await startDemo({ socialHubPort: 0, examplePort: 0 });
 * console.log(await checkDemo(demo), demo.urls.inbox);
 * await demo.close();
 */
export { CHROMIUM_PATH, launchChromium } from './chromium.js';
export { checkDemo } from './demo-check.js';
export {
  DEMO_CHANNEL_NAME,
  DEMO_NETWORK_NAME,
  DEMO_PORTS,
  type DemoOptions,
  type DemoStack,
  type DemoUrls,
  startDemo,
} from './demo-stack.js';
export { DemoError, type DemoErrorCode } from './errors.js';
