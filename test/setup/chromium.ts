import { ensureTestToolsOrExit } from '../../scripts/chromium.ts';

/**
 * Before any test: the Chromium the browser tests drive and the test builds draw with, named
 * in CHROMIUM_PATH for every worker and child process, so all of them use the same one.
 */
export default function setup(): void {
  process.env.CHROMIUM_PATH ??= ensureTestToolsOrExit();
}
