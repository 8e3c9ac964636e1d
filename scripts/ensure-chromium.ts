// `npm test` starts here: without a Chromium it stops at once with one line saying how to get one.
import { ensureChromiumOrExit } from './chromium.ts';

ensureChromiumOrExit();
