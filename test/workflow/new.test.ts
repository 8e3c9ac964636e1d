import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handbookFromText } from '../../scripts/core/handbook-config.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { lintTexts } from '../lint/helpers.ts';
import { addMonths } from '../../scripts/model/dates.ts';
import { renderSkeleton, run, type Io } from '../../scripts/new.ts';
import { STAGE_IDS } from '../../schemas/process.ts';

const ORG = `departments:
  - id: hr
    name: 人力资源部
  - id: finance
    name: 财务部
roles:
  - id: hr-specialist
    name: 人事专员
    department: hr
  - id: finance-manager
    name: 财务经理
    department: finance
`;

let root: string;
let out: string[];
let err: string[];
const io = (extra: Partial<Io> = {}): Io => ({ cwd: root, out: (t) => out.push(t), err: (t) => err.push(t), today: '2026-08-31', locale: 'en', ...extra });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'new-'));
  mkdirSync(join(root, 'processes'));
  writeFileSync(join(root, 'processes', 'org.yml'), ORG);
  out = [];
  err = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('addMonths', () => {
  it('adds calendar months and clamps to the end of the month', () => {
    expect(addMonths('2026-03-15', 6)).toBe('2026-09-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01');
  });
});

describe('renderSkeleton', () => {
  it('passes the schema with every lifecycle stage planned and a review due in six months', () => {
    const text = renderSkeleton({ id: 'leave-request', category: 'information', department: 'hr', owner: 'hr-specialist', author: '人事专员', today: '2026-08-31', title: '请假: "审批"' });
    const loaded = loadSpec('processes/information/leave-request.md', text);
    expect(loaded.problems).toEqual([]);
    const spec = loaded.spec!;
    expect(spec).toMatchObject({ id: 'leave-request', title: '请假: "审批"', status: 'draft', version: '0.1.0', owner: 'hr-specialist', department: 'hr', category: 'information' });
    expect(Object.keys(spec.lifecycle!)).toEqual([...STAGE_IDS]);
    for (const stage of STAGE_IDS) expect(spec.lifecycle![stage]!.status).toBe('planned');
    expect(spec.lifecycle!.improve!.nextReview).toBe('2027-02-28');
    expect(spec.steps).toHaveLength(1);
    expect(spec.steps[0]!.role).toBe('hr-specialist');
    expect(spec.history).toEqual([{ version: '0.1.0', date: '2026-08-31', author: '人事专员', change: '创建流程草稿。' }]);
    expect(text).toContain('# yaml-language-server: $schema=../../schemas/json/process.schema.json');
    // Every top-level field is explained by a Chinese comment right above it.
    const lines = text.split('\n');
    for (const key of ['id', 'title', 'category', 'department', 'owner', 'version', 'status', 'goal', 'scope', 'kpis', 'steps', 'exceptions', 'lifecycle', 'history']) {
      const at = lines.findIndex((line) => line.startsWith(`${key}:`));
      expect(lines[at - 1], key).toMatch(/^# .*[\u4e00-\u9fff]/);
    }
  });
});

describe('the skeleton under the linter', () => {
  const file = 'processes/information/leave-request.md';
  const text = renderSkeleton({ id: 'leave-request', category: 'information', department: 'hr', owner: 'hr-specialist', author: '人事专员', today: '2026-08-31' });
  const ruleIds = async (codeowners?: string) =>
    (await lintTexts([{ file, text }], { org: ORG, today: '2026-08-31', ...(codeowners !== undefined ? { codeowners } : {}) }))[0]!.findings.map((d) => d.ruleId);

  it('has no finding: a draft with every stage planned is a legitimate state', async () => {
    expect(await ruleIds()).toEqual([]);
  });

  it('only asks for CODEOWNERS to be regenerated when the repository has one', async () => {
    expect(await ruleIds('/processes/org.yml @acme/admins\n')).toEqual(['codeowners']);
  });
});

describe('run', () => {
  it('writes the skeleton into the category folder', async () => {
    expect(await run(['leave-request', '--category', 'information', '--department', 'hr', '--owner', 'hr-specialist'], io())).toBe(0);
    const text = readFileSync(join(root, 'processes/information/leave-request.md'), 'utf8');
    expect(loadSpec('leave-request.md', text).spec?.id).toBe('leave-request');
    expect(out.join()).toContain('processes/information/leave-request.md');
  });

  it('refuses an id that exists in any category', async () => {
    mkdirSync(join(root, 'processes/business'));
    writeFileSync(join(root, 'processes/business/leave-request.md'), '---\n---\n');
    expect(await run(['leave-request', '--category', 'information', '--department', 'hr', '--owner', 'hr-specialist'], io())).toBe(1);
    expect(err.join()).toContain('already used by processes/business/leave-request.md');
    expect(existsSync(join(root, 'processes/information/leave-request.md'))).toBe(false);
  });

  it('is a usage error (exit 2) when flags are missing and there is no terminal', async () => {
    expect(await run(['leave-request', '--category', 'information'], io())).toBe(2);
    expect(err.join()).toMatch(/Missing: --department, --owner\nUsage: npm run new/);
  });

  it('rejects a non-kebab id, an unknown category, department and owner, with suggestions', async () => {
    expect(await run(['Leave_Request', '--category', 'sales', '--department', 'hrr', '--owner', 'finance-manger'], io())).toBe(2);
    const text = err.join('\n');
    expect(text).toContain('"Leave_Request" is not kebab-case');
    expect(text).toContain('Unknown category "sales"');
    expect(text).toContain('Department "hrr" is not in processes/org.yml. Did you mean hr?');
    expect(text).toContain('Role "finance-manger" is not in processes/org.yml. Did you mean finance-manager?');
  });

  it('asks for what is missing when it can prompt', async () => {
    writeFileSync(join(root, 'processlint.config.yml'), 'extends: recommended\nhandbook:\n  locale: zh-CN\n');
    const answers = ['expense-claim', '费用报销流程', 'information', 'finance', 'finance-manager'];
    const questions: string[] = [];
    const code = await run([], io({ locale: 'zh-CN', ask: async (q) => (questions.push(q), answers.shift()!) }));
    expect(code).toBe(0);
    expect(questions[3]).toContain('finance（财务部）');
    expect(questions[4]).toContain('finance-manager（财务经理）');
    const spec = loadSpec('x.md', readFileSync(join(root, 'processes/information/expense-claim.md'), 'utf8')).spec!;
    expect(spec).toMatchObject({ title: '费用报销流程', owner: 'finance-manager', department: 'finance' });
    expect(spec.history![0]!.author).toBe('财务经理');
  });

  it('asks once, in a fresh repository, what the handbook is, and keeps the config’s comments and rules', async () => {
    writeFileSync(join(root, 'processlint.config.yml'), '# our rules\nextends: recommended\nrules:\n  codeowners: off\n');
    const spec = ['expense-claim', '费用报销流程', 'information', 'finance', 'finance-manager'];
    const settings = ['远航公司运营手册', '', 'handbook.yuanhang.cn', 'https://processes.yuanhang.cn/', 'https://github.com/yuanhang/handbook', '', '', 'ten', '7.5'];
    const answers = [...spec, ...settings];
    const questions: string[] = [];
    const ask = async (q: string) => (questions.push(q), answers.shift()!);
    expect(await run([], io({ locale: 'zh-CN', ask }))).toBe(0);
    expect(answers).toEqual([]);
    // An address without https:// and a workday of "ten" are asked again, with the reason.
    // In the asker's language: what the setting is, from the schema's own description.
    expect(err.filter((line) => line.startsWith('无效：'))).toEqual([
      '无效：取值不符合要求。这一项是手册网站的地址（网站根目录，例如 https://handbook.example.org/）；检查规则的说明链接指向这里。请重新输入，或直接回车使用默认值。',
      '无效：取值不符合要求。这一项是一个工作日的小时数，用于换算时限与指标。请重新输入，或直接回车使用默认值。',
    ]);
    const text = readFileSync(join(root, 'processlint.config.yml'), 'utf8');
    expect(text).toMatch(/^# our rules\nextends: recommended\nrules:\n  codeowners: off\n/);
    expect(handbookFromText(text)).toEqual({
      name: { 'zh-CN': '远航公司运营手册', en: 'Operating Handbook' },
      url: 'https://processes.yuanhang.cn/',
      repository: 'https://github.com/yuanhang/handbook',
      branch: 'main',
      locale: 'zh-CN',
      workdayHours: 7.5,
    });
    // The next process is created without those questions.
    const again = ['leave-request', '', 'information', 'hr', 'hr-specialist'];
    const asked: string[] = [];
    expect(await run([], io({ locale: 'zh-CN', ask: async (q) => (asked.push(q), again.shift()!) }))).toBe(0);
    expect(asked).toHaveLength(5);
  });

  it('asks nothing of the handbook without a terminal', async () => {
    expect(await run(['leave-request', '--category', 'information', '--department', 'hr', '--owner', 'hr-specialist'], io())).toBe(0);
    expect(existsSync(join(root, 'processlint.config.yml'))).toBe(false);
  });

  it('exits 2 from the command line without a terminal', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(join(import.meta.dirname, '../../node_modules/.bin/tsx'), [join(import.meta.dirname, '../../scripts/new.ts'), 'x-y'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toContain('Missing: --category, --department, --owner');
  });
});
