/**
 * Headless Chromium for the browser tests and the screenshots: Debian's /usr/bin/chromium (or
 * CHROMIUM_PATH) driven by playwright-core, a devDependency. The flags keep it off the network this
 * machine does not reach and out of a sandbox it cannot open as root.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}
