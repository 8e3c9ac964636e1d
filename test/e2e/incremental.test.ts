/**
 * Astro's incremental build with the pages' keys (site/lib/page-keys.ts): a rebuild copies the
 * process, quiz, role, learning-path, department, form and rule pages whose data did not change, and what it writes is what a cold build of the
 * same handbook writes, page for page. A small handbook (the site-mini fixture and a second process
 * that names the first as its upstream) is built, edited, and rebuilt; a cold build of the edited
 * handbook is the reference.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './build.ts';

const work = mkdtempSync(path.join(tmpdir(), 'handbook-incremental-'));
const specs = path.join(work, 'processes');
const returns = path.join(specs, 'business', 'return-request.md');
const exchange = path.join(specs, 'business', 'exchange-request.md');
const env = (name: string) => ({ HANDBOOK_TODAY: '2026-11-23', HANDBOOK_EXPORTS: '0', HANDBOOK_NO_CHROMIUM: '1', HANDBOOK_PROCESSES_DIR: specs, HANDBOOK_ASTRO_CACHE: path.join(work, `cache-${name}`) });
const logs: Record<string, string> = {};
const snapshots: Record<string, Map<string, string>> = {};

/** Every HTML page of a build, by path. */
function pages(out: string): Map<string, string> {
  return new Map(globSync('**/*.html', { cwd: out }).sort().map((file) => [file, readFileSync(path.join(out, file), 'utf8')]));
}

/** Rebuilds into the same folder and cache, then builds the same handbook cold for reference. */
async function rebuildAndCompare(name: string): Promise<void> {
  logs[name] = await buildSite(path.join(work, 'out'), env('incremental'));
  snapshots[name] = pages(path.join(work, 'out'));
  await buildSite(path.join(work, `cold-${name}`), env(`cold-${name}`));
  snapshots[`cold-${name}`] = pages(path.join(work, `cold-${name}`));
}

beforeAll(async () => {
  cpSync('test/fixtures/site-mini', specs, { recursive: true });
  const original = readFileSync(returns, 'utf8');
  writeFileSync(exchange, original.replace('id: return-request', 'id: exchange-request').replace('title: 退货申请流程', 'title: 换货申请流程').replace('titleEn: Return request', 'titleEn: Exchange request').replace('scope:\n', 'scope:\n  upstream: [return-request]\n'));
  logs.first = await buildSite(path.join(work, 'out'), env('incremental'));
  // One process's step changes: only its own pages change.
  const edited = original.replace('客服专员登记退货申请。', '客服专员登记退货申请，并抄送流程负责人。');
  writeFileSync(returns, edited);
  await rebuildAndCompare('step');
  // Its title changes: the other process names it as its upstream.
  writeFileSync(returns, edited.replace('title: 退货申请流程', 'title: 退货与退款流程'));
  await rebuildAndCompare('title');
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Pages with a key in a build log: rendered ones with their time (+12ms), copied ones (cached) or (restored). */
const pagesOf = (log: string, how: 'rendered' | 'copied') =>
  log
    .split('\n')
    .filter((line) => /\/(?:en\/)?(?:processes|quiz|roles|learn|departments|forms|rules)\/[^/\s]+\/index\.html/.test(line) && (how === 'rendered' ? /\(\+\d+ms\)/ : /\((?:cached|restored)\)/).test(line))
    .map((line) => /\/[^\s]*index\.html/.exec(line)![0]);

describe('a rebuild', () => {
  it.each(['step', 'title'])('after a change of %s writes every page as a cold build of the same handbook does', (name) => {
    const [rebuilt, cold] = [snapshots[name]!, snapshots[`cold-${name}`]!];
    expect([...rebuilt.keys()]).toEqual([...cold.keys()]);
    expect([...cold].filter(([file, html]) => rebuilt.get(file) !== html).map(([file]) => file)).toEqual([]);
  });

  it('renders again only the pages of the process whose steps changed and of the roles, departments and forms it names, and copies the others', () => {
    expect(snapshots.step!.get('processes/return-request/index.html')).toContain('并抄送流程负责人');
    const rendered = pagesOf(logs.step!, 'rendered');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.filter((page) => /\/(?:processes|quiz)\//.test(page) && !page.includes('/return-request/'))).toEqual([]);
    // The step is the customer-service agent's: the role's page shows it, so it is rendered again.
    expect(rendered).toContain('/roles/cs-agent/index.html');
    // The quality inspector's pages show that step by name only: copied (and equal to a cold build's, above).
    expect(rendered.filter((page) => page.includes('/qc-specialist/'))).toEqual([]);
    expect(pagesOf(logs.step!, 'copied')).toEqual(expect.arrayContaining(['/roles/qc-specialist/index.html', '/learn/qc-specialist/index.html']));
    // Department and form pages list steps by name: an instruction reworded leaves them as they were.
    expect(rendered.filter((page) => /\/(?:departments|forms)\//.test(page))).toEqual([]);
    const copied = pagesOf(logs.step!, 'copied');
    expect(copied.some((page) => page.includes('/exchange-request/'))).toBe(true);
  });

  it('renders again the pages that name a process whose title changed', () => {
    expect(snapshots.title!.get('processes/exchange-request/index.html')).toContain('退货与退款流程');
    expect(pagesOf(logs.title!, 'rendered')).toContain('/processes/exchange-request/index.html');
  });

  it('copies every page with a key when nothing changed', async () => {
    const again = await buildSite(path.join(work, 'out'), env('incremental'));
    expect(pagesOf(again, 'rendered')).toEqual([]);
    const copied = pagesOf(again, 'copied');
    for (const kind of ['processes', 'quiz', 'roles', 'learn', 'departments', 'forms', 'rules']) expect(copied.some((page) => page.startsWith(`/${kind}/`)), kind).toBe(true);
  }, 300_000);
});
