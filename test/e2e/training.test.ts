import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTrainingBudget, TRAINING_BUDGET_BYTES } from '../../scripts/check-budget.ts';
import { launchBrowser } from './browser.ts';
import { buildSite } from './build.ts';
import { serve } from './server.ts';

/**
 * A new hire's training in a real browser, over a small handbook kept in its own git repository:
 * built at version 1.0.0 of the return process, then rebuilt at 1.1.0 (a longer inspection
 * deadline, a new control) and served at the same address, so the browser's progress carries over
 * as it would for a reader of the published site.
 */
const work = mkdtempSync(path.join(tmpdir(), 'handbook-training-'));
const handbook = path.join(work, 'handbook');
const spec = path.join(handbook, 'business', 'return-request.md');
const served = path.join(work, 'site');
let server = { url: '', close: async () => {} };
let browser: Browser;
let context: BrowserContext;

const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: handbook, stdio: 'pipe' });

async function build(name: string): Promise<string> {
  const out = path.join(work, name);
  await buildSite(out, { HANDBOOK_TODAY: '2026-11-23', HANDBOOK_ASTRO_CACHE: path.join(work, `cache-${name}`), HANDBOOK_NO_CHROMIUM: '1', HANDBOOK_PROCESSES_DIR: handbook });
  return out;
}

/** Serves `out` at the address the browser already knows (one origin, one localStorage). */
function publish(out: string): void {
  try {
    unlinkSync(served);
  } catch {
    // Nothing published yet.
  }
  symlinkSync(out, served);
}

let v1 = '';
beforeAll(async () => {
  cpSync('test/fixtures/site-mini', handbook, { recursive: true });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'Return process 1.0.0');
  v1 = await build('v1');
  publish(v1);
  server = await serve(served);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}${url}`);
  return page;
}

/**
 * Answers every question with the keyboard only: Tab to the question's options, arrow keys to the
 * chosen one, Tab to its button, Enter. `wrong` lists the questions answered wrongly.
 */
async function takeQuiz(page: Page, wrong: number[] = []): Promise<void> {
  const questions = page.locator('fieldset[data-answer]');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const answer = Number(await question.getAttribute('data-answer'));
    const options = await question.locator('input[type=radio]').count();
    const choice = wrong.includes(i) ? (answer + 1) % options : answer;
    // Focus lands on the group's first option; arrow keys move and select.
    await question.locator('input[type=radio]').first().focus();
    await page.keyboard.press('Space');
    for (let k = 0; k < choice; k++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-check'))).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(question.locator('[data-feedback]').isVisible()).resolves.toBe(true);
  }
}

describe('a new hire learns their role', () => {
  it('opens their path, takes a quiz (a wrong answer explained), sees the process learned and downloads the record', async () => {
    // The home page's line for new hires leads to the learning paths, and the role page to its own.
    const home = await open('/');
    await home.getByRole('link', { name: '学习路径与自测' }).click();
    await home.getByRole('link', { name: '客服专员' }).click();
    expect(new URL(home.url()).pathname).toBe('/learn/cs-agent/');
    const role = await open('/roles/cs-agent/');
    await expect(role.getByRole('link', { name: '按学习路径学习并自测' }).getAttribute('href')).resolves.toBe('/learn/cs-agent/');

    const path = home;
    const stop = path.locator('[data-stop][data-process="return-request"]');
    await expect(stop.locator('[data-progress]').textContent()).resolves.toBe('未学习');
    // Own steps first (what to do, deadline, hands on), then the whole flow with the role's steps marked.
    await expect(stop.locator('.hb-duty').first().textContent()).resolves.toContain('受理退货申请');
    await expect(stop.locator('.hb-own-step').count()).resolves.toBe(3);
    await expect(path.locator('.hb-learn').textContent()).resolves.toContain('预计阅读约');

    await stop.getByRole('link', { name: /开始自测/ }).click();
    await path.waitForURL(/\/quiz\/return-request\/\?role=cs-agent$/);
    const questions = await path.locator('fieldset[data-answer]').count();
    // One wrong answer still passes at 80% with five questions or more.
    expect(questions).toBeGreaterThanOrEqual(5);
    await takeQuiz(path, [0]);
    const first = path.locator('fieldset[data-answer]').first();
    await expect(first.locator('[data-verdict]').textContent()).resolves.toMatch(/^回答错误。正确答案：/);
    await expect(first.locator('[data-explanation]').textContent()).resolves.toMatch(/^第 \d+ 步「/);
    await expect(first.locator('[data-explanation] a').getAttribute('href')).resolves.toMatch(/^\/processes\/return-request\/#step-[a-z-]+$/);
    await expect(path.locator('fieldset[data-answer]').nth(1).locator('[data-verdict]').textContent()).resolves.toBe('回答正确。');
    const score = Math.round(((questions - 1) / questions) * 100);
    await expect(path.locator('[data-result]').textContent()).resolves.toBe(`通过：答对 ${questions - 1}/${questions} 题（${score}%）。已记为已学习版本 1.0.0。`);

    await path.getByRole('link', { name: '返回学习路径' }).click();
    await path.waitForURL(/\/learn\/cs-agent\/$/);
    await expect(stop.locator('[data-progress]').textContent()).resolves.toMatch(new RegExp(`^已学习：版本 1\\.0\\.0，得分 ${score}%，\\d{4}-\\d{2}-\\d{2} 通过$`));

    // The record: no name, no record; then CSV, JSON and the printed sheet.
    await path.getByRole('button', { name: '下载 CSV' }).click();
    await expect(path.locator('[data-record-message]').textContent()).resolves.toBe('请先填写姓名。');
    await path.getByLabel('姓名').fill('=王小明');
    const [csvDownload] = await Promise.all([path.waitForEvent('download'), path.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^流程培训记录-cs-agent-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    expect(csv.startsWith('\uFEFF流程培训记录\r\n')).toBe(true);
    // A name that looks like a formula stays text in a spreadsheet.
    expect(csv).toContain("姓名,'=王小明\r\n");
    expect(csv).toContain('岗位,客服专员 (cs-agent)\r\n');
    expect(csv).toContain('本网站是静态网站，无法核实身份');
    expect(csv).toMatch(new RegExp(`退货申请流程 \\(return-request\\),1\\.0\\.0,1\\.0\\.0,${score}%,\\d{4}-\\d{2}-\\d{2},已学习\\r\\n`));
    const [jsonDownload] = await Promise.all([path.waitForEvent('download'), path.getByRole('button', { name: '下载 JSON' }).click()]);
    const record = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
    expect(record).toMatchObject({ record: '流程培训记录', name: '=王小明', role: { id: 'cs-agent', name: '客服专员' }, processes: [{ id: 'return-request', version: '1.0.0', learnedVersion: '1.0.0', score, status: '已学习' }] });
    expect(record.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await path.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', '')));
    await path.getByRole('button', { name: '打印（A4）' }).click();
    await expect(path.locator('body').getAttribute('data-printed')).resolves.toBe('');
    await path.emulateMedia({ media: 'print' });
    const sheet = path.locator('[data-record-sheet]');
    await expect(sheet.isVisible()).resolves.toBe(true);
    await expect(sheet.locator('dd').first().textContent()).resolves.toBe('=王小明');
    await expect(sheet.locator('tbody tr').count()).resolves.toBe(1);
    await expect(stop.isVisible()).resolves.toBe(false);
    await path.emulateMedia({ media: 'screen' });
    await path.close();
    await role.close();
  });

  it('ships the training code on quiz and path pages only, under 10 KB gzipped', () => {
    const { pages, failures } = checkTrainingBudget(v1);
    expect(failures).toEqual([]);
    const quiz = pages.find((p) => p.page === '/quiz/return-request/')!;
    expect(quiz.js).toBeGreaterThan(0);
    expect(quiz.js).toBeLessThanOrEqual(TRAINING_BUDGET_BYTES);
    expect(pages.find((p) => p.page === '/processes/return-request/')!.js).toBe(0);
  });

  it('has no axe violations on a path page and a quiz page', { timeout: 120_000 }, async () => {
    for (const url of ['/learn/cs-agent/', '/quiz/return-request/', '/en/quiz/return-request/']) {
      const page = await open(url);
      const { violations } = await new AxeBuilder({ page } as never).analyze();
      expect(violations.map((v) => `${url} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
      await page.close();
    }
  });

  it('after a new version, marks the process to re-learn with what changed, in both languages', { timeout: 300_000 }, async () => {
    // Given version 1.1.0: inspection takes 3 workdays instead of 2, the refund gets a control
    const text = readFileSync(spec, 'utf8')
      .replace('version: 1.0.0', 'version: 1.1.0')
      .replace('    deadline: 2个工作日内', '    deadline: 3个工作日内')
      .replace('    inputs: [《退货质检记录》]', '    inputs: [《退货质检记录》]\n    controls: [退款金额与原订单一致]')
      .replace('lifecycle:', 'history:\n  - version: 1.1.0\n    date: 2026-11-20\n    author: 客服经理\n    change: 质检时限延长为 3 个工作日；退款核对金额\nlifecycle:');
    writeFileSync(spec, text);
    git('commit', '-qam', 'Return process 1.1.0');
    publish(await build('v2'));

    // When the new hire opens their path again
    const page = await open('/learn/cs-agent/');
    const stop = page.locator('[data-stop][data-process="return-request"]');
    // Then it asks them to learn it again, saying what changed since the version they learned
    await expect(stop.locator('[data-progress]').textContent()).resolves.toBe('已更新，请重新学习：你学习的是版本 1.0.0，现在是版本 1.1.0。');
    const changes = stop.locator('[data-changes-from="1.0.0"]');
    await expect(changes.isVisible()).resolves.toBe(true);
    const summary = (await changes.textContent()) ?? '';
    expect(summary).toContain('质检判定');
    expect(summary).toMatch(/2个工作日内[\s\S]*3个工作日内/);
    expect(summary).toContain('退款金额与原订单一致');
    await expect(stop.locator('[data-history] li:not([hidden])').textContent()).resolves.toContain('质检时限延长为 3 个工作日');
    await page.close();

    // The English side: the same state, the diff's English words, and a quiz that marks 1.1.0 learned
    const en = await open('/en/learn/cs-agent/');
    const enStop = en.locator('[data-stop][data-process="return-request"]');
    await expect(enStop.locator('[data-progress]').textContent()).resolves.toBe('Updated, please learn it again: you learned version 1.0.0, it is now version 1.1.0.');
    await expect(enStop.locator('[data-changes-from="1.0.0"]').textContent()).resolves.toMatch(/deadline|control/i);
    await enStop.getByRole('link', { name: /Take the self-check/ }).click();
    await en.waitForURL(/\/en\/quiz\/return-request\//);
    await expect(en.locator('legend').first().textContent()).resolves.toMatch(/\?$/);
    await takeQuiz(en);
    await expect(en.locator('[data-result]').textContent()).resolves.toMatch(/^Passed: (\d+) of \1 right \(100%\)\. Version 1\.1\.0 is marked learned\.$/);
    await en.getByRole('link', { name: 'Back to the learning path' }).click();
    await en.waitForURL(/\/en\/learn\/cs-agent\/$/);
    await expect(enStop.locator('[data-progress]').textContent()).resolves.toMatch(/^Learned: version 1\.1\.0, score 100%, passed on \d{4}-\d{2}-\d{2}$/);
    await expect(enStop.locator('[data-relearn]').isVisible()).resolves.toBe(false);
    await en.close();
  });
});
