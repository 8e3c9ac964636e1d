import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LaunchOptions } from 'playwright-core';

/**
 * The Chromium that prints the Word and PDF copies and drives the browser tests: the one
 * `CHROMIUM_PATH` names, else Debian's package, else one that Playwright installed. The build
 * publishes BPMN only without one; the tests install Debian's
 * package when they can (root with apt-get, as `.ci/run` does) and otherwise stop at once
 * with `NO_CHROMIUM_HINT`.
 */

export const NO_CHROMIUM_HINT =
  'install it with `apt-get install chromium fonts-noto-cjk` (Debian or Ubuntu, as root) or `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Where to look; the defaults are this machine's. */
export interface ChromiumSearch {
  env?: NodeJS.ProcessEnv;
  /** Debian's Chromium. */
  debian?: string;
  /** Installs Debian's package and says whether that worked; `false` when this machine cannot. */
  install?: (() => boolean) | false;
}

export function findChromium({ env = process.env, debian = DEBIAN_CHROMIUM }: ChromiumSearch = {}): string | undefined {
  // A path given explicitly is the only candidate: silently using another browser would hide the mistake.
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  if (existsSync(debian)) return debian;
  return playwrightChromium(env);
}

/** Options every launch uses: headless, no sandbox (CI containers run as root), nothing phoning home. */
export function chromiumLaunchOptions(executablePath: string): LaunchOptions {
  return {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  };
}

/**
 * For the tests: the Chromium to use, after installing Debian's package if there is none and
 * this is root on a system with apt-get. Throws `MissingTool`, whose message is one line
 * saying what to do, when there is still none.
 */
export function ensureChromium(search: ChromiumSearch = {}): string {
  const { env = process.env, install = aptInstaller(env) } = search;
  const found = findChromium(search);
  if (found) return found;
  if (env.CHROMIUM_PATH) throw new MissingTool(`CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist: ${NO_CHROMIUM_HINT}.`);
  if (!install) throw new MissingTool(`No Chromium found: ${NO_CHROMIUM_HINT}.`);
  console.error('No Chromium found: installing Debian’s chromium and fonts-noto-cjk with apt-get (the build prints the Word and PDF copies with it, the browser tests drive it)…');
  const installed = install() ? findChromium(search) : undefined;
  if (installed) return installed;
  throw new MissingTool(`No Chromium found, and apt-get could not install Debian’s chromium: ${NO_CHROMIUM_HINT}.`);
}

export const NO_PDFTOTEXT_HINT = 'install poppler-utils (`apt-get install poppler-utils` on Debian or Ubuntu, as root): the tests read the PDF copies back with its pdftotext';

/** A command on the PATH, or `undefined`. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

/**
 * For the tests: poppler's `pdftotext`, installed with apt-get as for Chromium when this is root on
 * a system with it. Throws `MissingTool` (one line saying what to do) when there is still none.
 */
export function ensurePdftotext(search: Pick<ChromiumSearch, 'env' | 'install'> = {}): string {
  const { env = process.env, install = aptInstaller(env, ['poppler-utils']) } = search;
  const found = onPath('pdftotext', env);
  if (found) return found;
  if (!install) throw new MissingTool(`No pdftotext found: ${NO_PDFTOTEXT_HINT}.`);
  console.error('No pdftotext found: installing Debian’s poppler-utils with apt-get (the tests read the PDF copies back with it)…');
  const installed = install() ? onPath('pdftotext', env) : undefined;
  if (installed) return installed;
  throw new MissingTool(`No pdftotext found, and apt-get could not install poppler-utils: ${NO_PDFTOTEXT_HINT}.`);
}

/** What `npm test` needs besides Node, for a command line: the one line and exit code 1 instead of an exception. */
export function ensureTestToolsOrExit(): string {
  try {
    const chromium = ensureChromium();
    ensurePdftotext();
    return chromium;
  } catch (error) {
    if (!(error instanceof MissingTool)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

export class MissingTool extends Error {
  override name = 'MissingTool';
}

/** As `.ci/run` does: root on a system with apt-get installs Debian's package (with the CJK fonts the labels need). */
function aptInstaller(env: NodeJS.ProcessEnv, packages = ['chromium', 'fonts-noto-cjk']): ChromiumSearch['install'] {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  const apt = (args: string[]) => spawnSync('apt-get', args, { stdio: 'ignore', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  return () => apt(['update', '-qq']) && apt(['install', '-y', '-qq', ...packages]);
}

/** The newest Chromium in Playwright's browser folder (where `npx playwright install chromium` puts it). */
function playwrightChromium(env: NodeJS.ProcessEnv): string | undefined {
  const root = env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== '0' ? env.PLAYWRIGHT_BROWSERS_PATH : defaultBrowsersPath(env);
  let folders: string[];
  try {
    folders = readdirSync(root).filter((name) => name.startsWith('chromium-'));
  } catch {
    return undefined;
  }
  folders.sort((a, b) => Number(b.slice('chromium-'.length)) - Number(a.slice('chromium-'.length)));
  const binaries = ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium', 'chrome-win64/chrome.exe', 'chrome-win/chrome.exe'];
  for (const folder of folders) {
    for (const binary of binaries) {
      const candidate = path.join(root, folder, binary);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

function defaultBrowsersPath(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'ms-playwright');
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'ms-playwright');
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'ms-playwright');
}
