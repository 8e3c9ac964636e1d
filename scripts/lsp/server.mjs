#!/usr/bin/env node
// processlint's language server over stdio: `node scripts/lsp/server.mjs --stdio`, started by an
// editor from the repository's root (see README, "Editors").
// Editors start it with the `node` on their PATH. Where that Node is older than the project's
// (Debian's is 18 or 20), the Node that `npm ci` installs in node_modules runs it instead.
// Runs the TypeScript source: natively where Node strips types, else through tsx's loader.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
const tooOld = major < 22 || (major === 22 && minor < 13);
const projectNode = ['node', 'node.exe'].map((name) => fileURLToPath(new URL(`../../node_modules/node/bin/${name}`, import.meta.url))).find((file) => existsSync(file));

if (tooOld && projectNode && projectNode !== process.execPath) {
  const child = spawn(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  // The editor ends the server by closing its pipes or with a signal; both reach the child too.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  module.enableCompileCache?.();
  try {
    if (!process.features.typescript) {
      const { register } = await import('tsx/esm/api');
      register();
    }
    const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
    const { startServer } = await import('./server.ts');
    // Always stdio (editors pass `--stdio`, which is what it means).
    startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
  } catch (error) {
    // The editor shows stderr in its log of the server: say what to do rather than print a stack.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const root = fileURLToPath(new URL('../..', import.meta.url));
    process.stderr.write(`processlint language server: a package is missing (${error.message.split('\n')[0]}). Run \`npm ci\` in ${root}, then restart the server.\n`);
    process.exitCode = 1;
  }
}
