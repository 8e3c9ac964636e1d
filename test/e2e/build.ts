import { spawn } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** Environment of a clean build: vitest's own variables (NODE_ENV=test, MODE, DEV …) would make Astro build a development flavour (no search). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(?:VITEST|VITE_|TEST$|MODE$|DEV$|PROD$|SSR$|BASE_URL$|NODE_ENV$)/.test(key)) delete env[key];
  }
  return env;
}

/**
 * Builds the site with `astro build` into `outDir`; resolves with the build log, rejects with it on failure.
 * The log is plain text: on CI (`CI` set) Astro's logger colours its labels.
 */
export function buildSite(outDir: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve('node_modules/astro/bin/astro.mjs'), 'build'], {
      env: { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', HANDBOOK_OUT_DIR: outDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('close', (code) => {
      const text = stripVTControlCharacters(log);
      if (code === 0) resolve(text);
      else reject(new Error(`astro build exited ${code}:\n${text.slice(-4000)}`));
    });
  });
}
