import { NonEmptyText } from './common.ts';
import { bilingual } from './describe.ts';
import { z } from './zod.ts';

/**
 * `processlint.config.yml`: which rules run, and the handbook's own settings (its name, where it is
 * published and kept, its language and its working day). Everything that needs one of these (the
 * site, the linter's links, the diff, the commands' language, the new-spec command) reads them here.
 */

const SeverityName = z.enum(['off', 'warn', 'error']);
export const RuleSettingSchema = z.union([SeverityName, z.tuple([SeverityName]), z.tuple([SeverityName, z.unknown()])]);
const RuleMap = z.record(z.string(), RuleSettingSchema).meta(bilingual('规则及其级别：off、warn、error，或 [级别, { 选项 }]', 'Rules and their severity: off, warn, error, or [severity, { options }]'));

export const DEFAULT_HANDBOOK_NAME = { 'zh-CN': '运营流程手册', en: 'Operating Handbook' } as const;

/** An address on the web, written in full (`https://…`). */
const WebAddress = z.url({ protocol: /^https?$/, message: 'must be a full web address starting with https://' });

export const HandbookSchema = z
  .strictObject({
    name: z
      .strictObject({
        'zh-CN': NonEmptyText.meta(bilingual('手册的中文名称', 'The handbook’s name in Chinese')),
        en: NonEmptyText.meta(bilingual('手册的英文名称', 'The handbook’s name in English')),
      })
      .default({ ...DEFAULT_HANDBOOK_NAME })
      .meta(bilingual('手册名称，显示在网站标题中', 'The handbook’s name in each language, shown as the site’s title')),
    url: WebAddress.refine((address) => !URL.canParse(address) || (new URL(address).pathname === '/' && !new URL(address).search && !new URL(address).hash), {
      message: 'must be the root of a site, such as https://handbook.example.org/ (the site is not built for a sub-path)',
    })
      .transform((address) => (URL.canParse(address) ? new URL(address).href : address))
      .optional()
      .meta(bilingual('手册网站的地址（网站根目录，例如 https://handbook.example.org/）；检查规则的说明链接指向这里', 'The site’s address (its root, e.g. https://handbook.example.org/); the linter links each rule to its page there')),
    repository: WebAddress.refine((address) => /^https?:\/\/[^/]+\/[^/]+\/[^/]+?(?:\.git)?\/?$/.test(address), {
      message: 'must be a repository’s web address such as https://github.com/owner/name',
    })
      .transform((address) => address.replace(/\/$/, '').replace(/\.git$/, ''))
      .optional()
      .meta(bilingual('手册所在的代码仓库地址，例如 https://github.com/<组织>/<仓库>；网站的“编辑此页”链接指向这里', 'The repository the handbook is kept in, e.g. https://github.com/<owner>/<name>; the site’s “edit this page” links point there')),
    branch: NonEmptyText.default('main').meta(bilingual('修改合并进的分支（默认 main）', 'The branch changes are merged into (default main)')),
    locale: z
      .enum(['zh-CN', 'en'])
      .default('zh-CN')
      .meta(bilingual('命令输出的默认语言（环境变量 LANG 等明确指定语言时以其为准）', 'The default language of every command’s output (unless the environment, e.g. LANG, names one)')),
    workdayHours: z
      .number()
      .positive()
      .max(24)
      .default(8)
      .meta(bilingual('一个工作日的小时数，用于换算时限与指标', 'Hours in a workday, for converting deadlines and KPI targets')),
    passScore: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(80)
      .meta(bilingual('新员工自测的及格线（答对题目的百分比，默认 80）；达到即视为已学习该流程的当前版本', 'The self-check quiz’s pass mark (percent of questions right, default 80); reaching it marks the process’s current version learned')),
  })
  .meta(bilingual('手册本身的设置', 'The handbook’s own settings'));

export const ConfigFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    extends: z.union([z.string(), z.array(z.string())]).optional().meta(bilingual('预设：recommended 或 all', 'Presets: recommended or all')),
    rules: RuleMap.optional(),
    overrides: z
      .array(z.strictObject({ files: z.union([z.string(), z.array(z.string()).min(1)]), rules: RuleMap }))
      .optional()
      .meta(bilingual('按路径覆盖规则设置', 'Rule settings for some paths')),
    handbook: HandbookSchema.optional(),
  })
  .meta({ title: 'processlint.config.yml', ...bilingual('流程手册的配置：检查规则与手册本身的设置', 'The handbook’s configuration: lint rules and the handbook’s own settings') });

export type HandbookConfig = z.output<typeof HandbookSchema>;
export type ConfigFile = z.input<typeof ConfigFileSchema>;
