import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/**
 * A headless Chromium from the @sparticuz/chromium npm package, driven by playwright-core: `npm ci`
 * brings it, where Playwright's own browser download cannot reach its CDN.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await sparticuz.executablePath(),
    // Its --single-process (made for serverless hosts) shares storage between contexts: each test's
    // context must start with none (the language choice is kept in localStorage).
    args: sparticuz.args.filter((arg) => arg !== '--single-process'),
    headless: true,
  });
}
