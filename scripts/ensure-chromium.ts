// `npm test` starts here: without a Chromium (or poppler's pdftotext) it stops at once with one line saying how to get one.
import { ensureTestToolsOrExit } from './chromium.ts';

ensureTestToolsOrExit();
