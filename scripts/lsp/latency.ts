import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { specFilesIn } from '../core/spec-files.ts';
import { todayLocal } from '../model/dates.ts';
import { Handbook } from './handbook.ts';
import { DEBOUNCE_MS } from './server.ts';
import { LspClient } from './stdio-client.ts';

/**
 * `npm run lsp:latency`: keystroke to diagnostic on the largest spec of `processes/`, measured as an
 * editor sees it: a `didChange` sent to the server over stdio, until the diagnostics for that version
 * come back. Besides the first check after opening, three figures: single keystrokes (the debounce plus one check), the end of a burst of
 * typing (the same, once the typist pauses), and the check alone, in this process, without the
 * debounce. Timings depend on the machine and what else runs on it.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEYSTROKES = Number(process.env.LSP_KEYSTROKES) || 40;
const BURSTS = 5;
const BURST_LENGTH = 15;
/** A fast typist: about twelve characters a second. */
const TYPING_INTERVAL_MS = 80;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (n = ${samples.length})`;
}

const specs = specFilesIn(path.join(ROOT, 'processes'));
const largest = specs.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
const file = path.relative(ROOT, largest).split(path.sep).join('/');
const text = readFileSync(largest, 'utf8');
const lines = text.split('\n');
// Typing happens at the end of the `goal:` line, in the front matter.
const line = lines.findIndex((l) => l.startsWith('goal: '));
const end = lines[line]!.length;

console.log(`${file}: ${lines.length} lines, ${Buffer.byteLength(text)} bytes; ${specs.length} specs in the handbook; debounce ${DEBOUNCE_MS} ms`);

const client = new LspClient({ root: ROOT, locale: 'zh-cn' });
await client.initialize();
const opened = client.diagnosticsFor(client.uri(file), 1);
const openedAt = performance.now();
const uri = await client.open(file, text);
const first = (await opened).at - openedAt;

// Single keystrokes: type a character, wait for its diagnostics, delete it, wait again.
const single: number[] = [];
for (let i = 0; i < KEYSTROKES; i++) {
  const typed = i % 2 === 0;
  const range = typed ? { start: { line, character: end }, end: { line, character: end } } : { start: { line, character: end }, end: { line, character: end + 1 } };
  const sent = performance.now();
  const version = await client.edit(uri, range, typed ? '。' : '');
  const { at } = await client.diagnosticsFor(uri, version);
  single.push(at - sent);
  await sleep(50);
}

// Bursts: characters every 80 ms; the diagnostics that matter come after the last one.
const burst: number[] = [];
let column = end;
for (let b = 0; b < BURSTS; b++) {
  let version = 0;
  let sent = 0;
  for (let k = 0; k < BURST_LENGTH; k++) {
    sent = performance.now();
    version = await client.edit(uri, { start: { line, character: column }, end: { line, character: column } }, '字');
    column++;
    if (k < BURST_LENGTH - 1) await sleep(TYPING_INTERVAL_MS);
  }
  const { at } = await client.diagnosticsFor(uri, version);
  burst.push(at - sent);
  await sleep(300);
}
await client.stop();

// The check alone: the handbook linted with the spec open and one character changed each time.
const handbook = new Handbook({ root: ROOT, folder: 'processes' });
const today = todayLocal();
handbook.lint(new Map([[file, text]]), today);
const check: number[] = [];
for (let i = 0; i < KEYSTROKES; i++) {
  const changed = `${lines.slice(0, line).join('\n')}\n${lines[line]}${'。'.repeat(i + 1)}\n${lines.slice(line + 1).join('\n')}`;
  const started = performance.now();
  handbook.lint(new Map([[file, changed]]), today);
  check.push(performance.now() - started);
}

console.log(`open → first diagnostics (every spec of the handbook checked once): ${first.toFixed(0)} ms`);
console.log(`keystroke → diagnostic, one keystroke at a time: ${summary(single)}`);
console.log(`keystroke → diagnostic, after the last of ${BURST_LENGTH} keystrokes ${TYPING_INTERVAL_MS} ms apart: ${summary(burst)}`);
console.log(`the check alone (one spec checked, the handbook phase rerun; no debounce, no JSON-RPC): ${summary(check)}`);
