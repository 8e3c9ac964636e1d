import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLocale, DEFAULT_HANDBOOK, editBase, handbookFromText, rulesBase } from '../../scripts/core/handbook-config.ts';
import { localeFromEnv } from '../../scripts/core/messages.ts';
import { run, type CliIo } from '../../scripts/cli.ts';
import { resolveConfig } from '../../scripts/lint/config.ts';
import { UsageError } from '../../scripts/lint/messages.ts';
import { handbook, ORG, spec } from '../lint/helpers.ts';

describe('the language a command speaks', () => {
  it('is the one LC_ALL, LC_MESSAGES or LANG names, in that order', () => {
    expect(localeFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(localeFromEnv({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
  });

  it('is none for C, C.UTF-8 and POSIX (CI runners and servers) or nothing set, so the handbook’s applies', () => {
    for (const LANG of ['C', 'C.UTF-8', 'C.utf8', 'POSIX', '']) expect(localeFromEnv({ LANG }), LANG).toBeUndefined();
    expect(localeFromEnv({})).toBeUndefined();
    expect(commandLocale({ LANG: 'C.UTF-8' }, { locale: 'zh-CN' })).toBe('zh-CN');
    expect(commandLocale({ LANG: 'C.UTF-8' }, { locale: 'en' })).toBe('en');
    expect(commandLocale({ LANG: 'en_US.UTF-8' }, { locale: 'zh-CN' })).toBe('en');
  });
});

describe('the handbook settings', () => {
  it('default to a Chinese handbook with no site or repository named', () => {
    expect(DEFAULT_HANDBOOK).toEqual({ name: { 'zh-CN': '运营流程手册', en: 'Operating Handbook' }, branch: 'main', locale: 'zh-CN', workdayHours: 8 });
    expect(rulesBase(DEFAULT_HANDBOOK, 'zh-CN')).toBeUndefined();
    expect(editBase(DEFAULT_HANDBOOK)).toBeUndefined();
  });

  it('give the rule pages of the configured site in each language, and the edit links of its repository and branch', () => {
    const settings = handbookFromText('handbook:\n  url: https://processes.acme.cn\n  repository: https://github.com/acme/processes.git\n  branch: trunk\n');
    expect(settings.url).toBe('https://processes.acme.cn/');
    expect(rulesBase(settings, 'zh-CN')).toBe('https://processes.acme.cn/rules/');
    expect(rulesBase(settings, 'en')).toBe('https://processes.acme.cn/en/rules/');
    expect(editBase(settings)).toBe('https://github.com/acme/processes/edit/trunk/');
  });

  it('refuse a bad value, naming the file and the key', () => {
    for (const [text, key] of [
      ['handbook:\n  url: handbook.acme.cn\n', 'handbook.url'],
      ['handbook:\n  url: https://acme.github.io/handbook/\n', 'handbook.url'],
      ['handbook:\n  locale: fr\n', 'handbook.locale'],
      ['handbook:\n  workdayHours: 30\n', 'handbook.workdayHours'],
      ['handbook:\n  name:\n    zh-CN: 手册\n', 'handbook.name.en'],
      ['handbook:\n  colour: blue\n', 'handbook'],
    ] as const) {
      let error: unknown;
      try {
        handbookFromText(text);
      } catch (caught) {
        error = caught;
      }
      expect(error, text).toBeInstanceOf(UsageError);
      expect((error as UsageError).text('zh-CN'), text).toContain(`配置文件 processlint.config.yml 的 \`${key}\` 有误`);
      // No parser English in the Chinese message.
      expect((error as UsageError).text('zh-CN'), text).not.toMatch(/must|expected|invalid/i);
    }
  });

  it('say in Chinese what a setting is when its value is refused, from the schema’s own description', () => {
    let error: unknown;
    try {
      handbookFromText('handbook:\n  workdayHours: 30\n');
    } catch (caught) {
      error = caught;
    }
    expect((error as UsageError).text('zh-CN')).toBe('配置文件 processlint.config.yml 的 `handbook.workdayHours` 有误：取值不符合要求。这一项是一个工作日的小时数，用于换算时限与指标');
    expect((error as UsageError).text('en')).toMatch(/^Invalid config processlint\.config\.yml at `handbook\.workdayHours`: Too big/);
    try {
      handbookFromText('handbook:\n  colour: blue\n');
    } catch (caught) {
      error = caught;
    }
    expect((error as UsageError).text('zh-CN')).toBe('配置文件 processlint.config.yml 的 `handbook` 有误：没有名为 colour 的设置；可用的设置有 name、url、repository、branch、locale、workdayHours');
  });

  it('give kpi-feasible its workday length unless the rule’s own option says otherwise', () => {
    const config = (text: Record<string, unknown>) => resolveConfig(text).rulesFor('processes/a.md').get('kpi-feasible')?.options;
    expect(config({ extends: 'recommended' })).toEqual({ workdayHours: 8 });
    expect(config({ extends: 'recommended', handbook: { workdayHours: 7.5 } })).toEqual({ workdayHours: 7.5 });
    expect(config({ extends: 'recommended', handbook: { workdayHours: 7.5 }, rules: { 'kpi-feasible': ['error', { workdayHours: 6 }] } })).toEqual({ workdayHours: 6 });
  });

  it('are the repository’s own: its config names the handbook and no placeholder site', () => {
    const text = readFileSync(path.resolve(import.meta.dirname, '../../processlint.config.yml'), 'utf8');
    const settings = handbookFromText(text);
    expect(settings.name['zh-CN']).toBe('运营流程手册');
    expect(text).not.toContain('example.com');
  });
});

describe('processlint under the handbook settings', () => {
  async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env, isTTY: false };
    return { code: await run(argv, io), stdout, stderr };
  }
  const repo = (settings: string) => handbook({ 'processlint.config.yml': `extends: recommended\n${settings}`, 'processes/org.yml': ORG, 'processes/bad.md': spec('bad', 'titel: x\n') });

  it('speaks the handbook’s language under LANG=C.UTF-8 and the one LANG names otherwise', async () => {
    const chinese = repo('handbook:\n  locale: zh-CN\n');
    expect((await cli(['--no-cache'], chinese, { LANG: 'C.UTF-8' })).stdout).toContain('未知字段 `titel`');
    expect((await cli(['--no-cache'], chinese, { LANG: 'C' })).stdout).toContain('未知字段 `titel`');
    expect((await cli(['--no-cache'], chinese, {})).stdout).toContain('未知字段 `titel`');
    expect((await cli(['--no-cache'], chinese, { LANG: 'en_US.UTF-8' })).stdout).toContain('Unknown field `titel`');
    const english = repo('handbook:\n  locale: en\n');
    expect((await cli(['--no-cache'], english, { LANG: 'C.UTF-8' })).stdout).toContain('Unknown field `titel`');
    expect((await cli(['--no-cache'], english, { LC_ALL: 'zh_CN.UTF-8' })).stdout).toContain('未知字段 `titel`');
    expect((await cli(['--no-cache', '--locale', 'zh-CN'], english, { LANG: 'en_US.UTF-8' })).stdout).toContain('未知字段 `titel`');
  });

  it('links each rule to the configured site, in every format, and to no placeholder when none is configured', async () => {
    const configured = repo('handbook:\n  url: https://processes.acme.cn/\n');
    const stylish = await cli(['--no-cache'], configured, { LANG: 'C.UTF-8' });
    expect(stylish.stdout).toContain('https://processes.acme.cn/rules/schema/');
    const sarif = JSON.parse((await cli(['--no-cache', '--format', 'sarif'], configured, { LANG: 'en_US.UTF-8' })).stdout);
    expect(sarif.runs[0].tool.driver.informationUri).toBe('https://processes.acme.cn/');
    expect(sarif.runs[0].tool.driver.rules.find((rule: { id: string }) => rule.id === 'schema').helpUri).toBe('https://processes.acme.cn/en/rules/schema/');

    const bare = repo('');
    for (const format of ['stylish', 'json', 'sarif', 'github', 'junit']) {
      const output = await cli(['--no-cache', '--format', format], bare, { LANG: 'C.UTF-8' });
      expect(output.code, format).toBe(1);
      expect(`${output.stdout}${output.stderr}`, format).not.toMatch(/example\.com|https?:\/\/[^\s"<]*\/rules\//);
    }
  });
});
