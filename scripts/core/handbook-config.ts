import { CORE_SCHEMA, load } from 'js-yaml';
import { HandbookSchema, type HandbookConfig } from '../../schemas/config.ts';
import { UsageError } from '../lint/messages.ts';
import { localeFromEnv, type Locale } from './messages.ts';
import { phrase, type MessageValue } from './render.ts';

export type { HandbookConfig } from '../../schemas/config.ts';

/**
 * The handbook's own settings (the `handbook` section of `processlint.config.yml`), read the same
 * way by every command, the site and the in-browser editor. Pure: callers hand in the file's text,
 * from the disk, a git revision or a browser.
 */

/** The config file, at the repository root. */
export const CONFIG_FILE = 'processlint.config.yml';

/** The settings of a handbook whose config says nothing of them. */
export const DEFAULT_HANDBOOK: HandbookConfig = HandbookSchema.parse({});

/** The `handbook` section of a parsed config file; a bad value is a UsageError naming the file and key. */
export function handbookOf(raw: unknown, file = CONFIG_FILE): HandbookConfig {
  const section = raw !== null && typeof raw === 'object' && Object.hasOwn(raw, 'handbook') ? (raw as { handbook: unknown }).handbook : undefined;
  const result = HandbookSchema.safeParse(section ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new UsageError('config.invalid', { file, key: ['handbook', ...issue.path.map(String)].join('.'), detail: settingProblem(issue) });
}

/**
 * What is wrong with a setting, in both languages: the schema's own message in English, and in
 * Chinese what the setting is, from the same schema's description (so the two never disagree).
 */
export function settingProblem(issue: { message: string; path: readonly PropertyKey[]; code?: string; keys?: readonly string[] }, key: PropertyKey | undefined = issue.path[0]): MessageValue {
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return phrase(issue.message, `没有名为 ${issue.keys.join('、')} 的设置；可用的设置有 ${Object.keys(HandbookSchema.shape).join('、')}`);
  }
  const field = typeof key === 'string' && Object.hasOwn(HandbookSchema.shape, key) ? HandbookSchema.shape[key as keyof typeof HandbookSchema.shape] : undefined;
  const chinese = field?.meta()?.description?.split('\n')[0];
  return phrase(issue.message, chinese ? `取值不符合要求。这一项是${chinese}` : '取值不符合要求');
}

/** The settings in a config file's text (`undefined`: there is no config file). */
export function handbookFromText(text: string | undefined, file = CONFIG_FILE): HandbookConfig {
  if (text === undefined) return DEFAULT_HANDBOOK;
  let raw: unknown;
  try {
    raw = load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    throw new UsageError('config.unreadable', { file, detail: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
  }
  return handbookOf(raw, file);
}

/** Whether a config file's text already says what the handbook is (`npm run new` asks once, when it does not). */
export function hasHandbookSection(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    const raw = load(text, { schema: CORE_SCHEMA });
    return raw !== null && typeof raw === 'object' && Object.hasOwn(raw, 'handbook');
  } catch {
    return false;
  }
}

/**
 * The language a command speaks: the one the environment names (`LC_ALL`, `LC_MESSAGES`, `LANG`),
 * else the handbook's. `LANG=C` or `C.UTF-8`, the default of many CI runners, names none.
 */
export function commandLocale(env: NodeJS.ProcessEnv, handbook: Pick<HandbookConfig, 'locale'>): Locale {
  return localeFromEnv(env) ?? handbook.locale;
}

/** Where the site publishes the rule pages in a language (`undefined`: the handbook names no site). */
export function rulesBase(handbook: Pick<HandbookConfig, 'url'>, locale: Locale): string | undefined {
  return handbook.url === undefined ? undefined : new URL(locale === 'en' ? 'en/rules/' : 'rules/', handbook.url).href;
}

/** The GitHub repository the handbook is kept in and the branch changes go to. */
export interface Repository {
  /** e.g. `https://github.com/acme/handbook` */
  url: string;
  branch: string;
}

export function repositoryOf(handbook: Pick<HandbookConfig, 'repository' | 'branch'>): Repository | undefined {
  return handbook.repository === undefined ? undefined : { url: handbook.repository, branch: handbook.branch };
}

/** The base of the site's “edit this page” links: a spec's path is appended to it. */
export function editBase(handbook: Pick<HandbookConfig, 'repository' | 'branch'>): string | undefined {
  const repository = repositoryOf(handbook);
  return repository ? `${repository.url}/edit/${repository.branch}/` : undefined;
}
