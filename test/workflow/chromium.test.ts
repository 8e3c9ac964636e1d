import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureChromium, ensurePdftotext, findChromium, MissingTool, NO_CHROMIUM_HINT, NO_PDFTOTEXT_HINT } from '../../scripts/chromium.ts';

const work = mkdtempSync(path.join(tmpdir(), 'chromium-finder-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An executable-looking file at `relative` under the scratch folder. */
function binary(relative: string): string {
  const file = path.join(work, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  return file;
}

const noDebian = path.join(work, 'no-such-chromium');
const emptyBrowsers = { PLAYWRIGHT_BROWSERS_PATH: path.join(work, 'no-browsers') };

describe('the Chromium finder', () => {
  it('takes CHROMIUM_PATH when it exists, and nothing else when it does not', () => {
    const chrome = binary('custom/chrome');
    const debian = binary('usr/bin/chromium');
    expect(findChromium({ env: { CHROMIUM_PATH: chrome }, debian })).toBe(chrome);
    expect(findChromium({ env: { CHROMIUM_PATH: path.join(work, 'missing') }, debian })).toBeUndefined();
  });

  it('prefers Debian’s Chromium, then the newest one Playwright installed', () => {
    const debian = binary('debian/chromium');
    const browsers = path.join(work, 'ms-playwright');
    binary('ms-playwright/chromium-1100/chrome-linux/chrome');
    const newest = binary('ms-playwright/chromium-1200/chrome-linux64/chrome');
    binary('ms-playwright/firefox-1500/firefox/firefox');
    expect(findChromium({ env: { PLAYWRIGHT_BROWSERS_PATH: browsers }, debian })).toBe(debian);
    expect(findChromium({ env: { PLAYWRIGHT_BROWSERS_PATH: browsers }, debian: noDebian })).toBe(newest);
  });

  it('installs Debian’s package when it can, and uses what it installed', () => {
    const debian = path.join(work, 'installed/chromium');
    const install = () => (binary('installed/chromium'), true);
    expect(ensureChromium({ env: emptyBrowsers, debian, install })).toBe(debian);
  });

  it('otherwise stops with one line that says how to get one', () => {
    const cases = [
      () => ensureChromium({ env: emptyBrowsers, debian: noDebian, install: false }),
      () => ensureChromium({ env: emptyBrowsers, debian: noDebian, install: () => false }),
      () => ensureChromium({ env: { ...emptyBrowsers, CHROMIUM_PATH: path.join(work, 'typo') }, debian: noDebian, install: () => true }),
    ];
    for (const attempt of cases) {
      let error: unknown;
      try {
        attempt();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MissingTool);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain(NO_CHROMIUM_HINT);
    }
    expect(NO_CHROMIUM_HINT).toMatch(/apt-get install chromium fonts-noto-cjk.*npx playwright install chromium.*CHROMIUM_PATH/);
  });

  it('`npm test` stops at once with that line and exit code 1, no stack trace', () => {
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/ensure-chromium.ts'], { encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: path.join(work, 'typo') } });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([`CHROMIUM_PATH=${path.join(work, 'typo')} does not exist: ${NO_CHROMIUM_HINT}.`]);
  });
});

describe('poppler’s pdftotext, which the PDF tests read with', () => {
  const bin = (name: string) => path.join(work, name);

  it('is found on the PATH, or installed when the machine can, and used', () => {
    binary('tools/pdftotext');
    expect(ensurePdftotext({ env: { PATH: `${bin('empty')}${path.delimiter}${bin('tools')}` }, install: false })).toBe(bin('tools/pdftotext'));
    const install = () => (binary('later/pdftotext'), true);
    expect(ensurePdftotext({ env: { PATH: bin('later') }, install })).toBe(bin('later/pdftotext'));
  });

  it('otherwise stops with one line that says how to get it', () => {
    for (const install of [false, () => false] as const) {
      let error: unknown;
      try {
        ensurePdftotext({ env: { PATH: bin('nowhere') }, install });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MissingTool);
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toContain(NO_PDFTOTEXT_HINT);
    }
  });
});
