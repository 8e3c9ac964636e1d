import { chromium, type Browser } from 'playwright-core';
import { chromiumLaunchOptions, ensureChromium } from '../../scripts/chromium.ts';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(ensureChromium()));
}
