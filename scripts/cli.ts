import { appendFileSync, closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';
import { commandLocale, rulesBase } from './core/handbook-config.ts';
import type { Locale } from './core/messages.ts';
import { handbookOrDefault } from './core/read-handbook-config.ts';
import { formatters } from './formatters/index.ts';
import { githubSummary } from './formatters/github.ts';
import { gitChange } from './lint/changed.ts';
import { CONFIG_FILE, parseRuleFlags } from './lint/config.ts';
import { displayPath, expandPatterns, findRoot } from './lint/discover.ts';
import { applyFixes, restoreLineEnds } from './lint/fix.ts';
import { inner, m, UsageError } from './lint/messages.ts';
import type { FixableFinding } from './lint/check-file.ts';
import { diskSource, lintProject, type LintProjectOptions, type ProjectLint } from './lint/project.ts';
import type { FileResult } from './lint/resolve.ts';
import { docsUrl, TOOL_NAME, VERSION } from './lint/version.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal (colours on unless NO_COLOR). */
  isTTY: boolean;
}

const HELP = {
  en: `Usage: processlint [options] [files, folders or globs...]   (default: processes)

Checks process specs (Markdown with YAML front matter) against the handbook's rules.

Options:
  --org FILE             Org registry to use (default: the org.yml nearest above each spec)
  --config FILE          Config file (default: processlint.config.yml at the repository root)
  --rule ID:SEVERITY     Override a rule: off, warn or error (repeatable)
  --today YYYY-MM-DD     The date to check review dates against (default: today)
  --format NAME          stylish (default), json, sarif, github or junit
  --output FILE          Write the report to FILE instead of standard output
  --max-warnings N       Exit 1 when there are more than N warnings
  --quiet                Report errors only
  --changed [REF]        Lint only specs changed against REF (default HEAD; committed, staged,
                         unstaged or untracked) and the specs that reference them
  --fix                  Repair what has one safe fix, in place (comments and order kept)
  --fix-dry-run          Print the repairs as a unified diff without writing
  --locale zh-CN|en      Language of messages (default: the one LC_ALL / LANG names, else the
                         handbook's locale in processlint.config.yml; LANG=C names none)
  --no-cache             Do not read or write .cache/processlint/
  --threads N            Threads for a large handbook (default 1: this thread, least memory;
                         2 or more: worker threads, faster on several cores, more memory)
  -h, --help             Show this help
  -v, --version          Show the version

Inline suppression, in the front matter, for the next line:
  # processlint-disable-next-line <rule-id>[, <rule-id>] [until YYYY-MM-DD] -- reason

Exit codes: 0 no errors; 1 errors, or more warnings than --max-warnings; 2 usage error or unreadable file.
`,
  'zh-CN': `用法：processlint [选项] [文件、目录或通配符...]   （默认：processes）

按流程手册的规则检查流程规范（带 YAML 前置元数据的 Markdown 文件）。

选项：
  --org FILE             使用的组织注册表（默认：每个流程规范上方最近的 org.yml）
  --config FILE          配置文件（默认：仓库根目录的 processlint.config.yml）
  --rule 规则:级别        覆盖某条规则的级别：off、warn 或 error（可重复）
  --today YYYY-MM-DD     检查复盘日期时使用的“今天”（默认：当天）
  --format 名称          stylish（默认）、json、sarif、github 或 junit
  --output FILE          把报告写入 FILE，而不是标准输出
  --max-warnings N       警告超过 N 个时以 1 退出
  --quiet                只报告错误
  --changed [REF]        只检查相对 REF（默认 HEAD；含已提交、暂存、未暂存和未跟踪的改动）有改动的流程规范，以及引用它们的流程规范
  --fix                  就地修复有唯一安全修复方式的问题（保留注释与键顺序）
  --fix-dry-run          以统一差异格式显示修复内容，不写入文件
  --locale zh-CN|en      消息语言（默认：LC_ALL / LANG 指定的语言，否则为 processlint.config.yml 中手册设置的语言；LANG=C 不指定语言）
  --no-cache             不读写 .cache/processlint/
  --threads N            检查大型手册使用的线程数（默认 1：只用主线程，内存最少；2 及以上：使用工作线程，多核更快，内存更多）
  -h, --help             显示本帮助
  -v, --version          显示版本

行内抑制（写在前置元数据中，作用于下一行）：
  # processlint-disable-next-line <规则标识>[, <规则标识>] [until YYYY-MM-DD] -- 理由

退出码：0 无错误；1 有错误，或警告超过 --max-warnings；2 用法错误或文件无法读取。
`,
};

const OPTIONS = {
  org: { type: 'string' },
  config: { type: 'string' },
  rule: { type: 'string', multiple: true },
  today: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  changed: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  locale: { type: 'string' },
  'no-cache': { type: 'boolean' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** `--changed` takes an optional ref: the next word, unless it is an option or an existing path. */
function splitChanged(argv: string[], cwd: string): { argv: string[]; changed?: string } {
  const out: string[] = [];
  let changed: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--changed=')) {
      changed = arg.slice('--changed='.length) || 'HEAD';
      continue;
    }
    if (arg === '--changed') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-') && !existsPath(path.resolve(cwd, next))) {
        changed = next;
        i++;
      } else changed = 'HEAD';
      continue;
    }
    out.push(arg);
  }
  return { argv: out, ...(changed !== undefined ? { changed } : {}) };
}

function existsPath(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EISDIR';
  }
}

/** Runs the linter; returns the exit code. Never throws and never prints a stack trace. */
export async function run(argv: string[], io: CliIo = processIo()): Promise<number> {
  // The environment's language, else the handbook's (its config is read again, and checked, by the lint).
  let locale: Locale = commandLocale(io.env, handbookOrDefault(findRoot(io.cwd)));
  try {
    const pre = splitChanged(argv, io.cwd);
    let parsed;
    try {
      parsed = parseArgs({ args: pre.argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const option = /'([^']+)'/.exec(text)?.[1] ?? text;
      const code = error instanceof Error && 'code' in error ? error.code : '';
      if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError('usage.unknownOption', { option });
      throw new UsageError('usage.other', { detail: text.split('\n')[0]! });
    }
    const { values, positionals } = parsed;
    if (values.locale !== undefined) {
      if (values.locale !== 'zh-CN' && values.locale !== 'en') throw new UsageError('usage.badValue', { option: '--locale', expected: 'zh-CN | en', value: values.locale });
      locale = values.locale;
    }
    if (values.help) {
      io.stdout(HELP[locale]);
      return 0;
    }
    if (values.version) {
      io.stdout(`${TOOL_NAME} ${VERSION}\n`);
      return 0;
    }
    const format = values.format ?? 'stylish';
    const formatter = Object.hasOwn(formatters, format) ? formatters[format] : undefined;
    if (!formatter) throw new UsageError('usage.badValue', { option: '--format', expected: 'stylish | json | sarif | github | junit', value: format });
    let maxWarnings: number | undefined;
    if (values['max-warnings'] !== undefined) {
      maxWarnings = Number(values['max-warnings']);
      if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError('usage.badValue', { option: '--max-warnings', expected: inner('usage.wholeNumber'), value: values['max-warnings'] });
    }
    let threads: number | undefined;
    if (values.threads !== undefined) {
      if (!/^\d+$/.test(values.threads) || Number(values.threads) < 1) throw new UsageError('usage.badValue', { option: '--threads', expected: inner('usage.positiveNumber'), value: values.threads });
      threads = Number(values.threads);
    }
    if (values.fix && values['fix-dry-run']) throw new UsageError('usage.fixBoth');
    const fixing = Boolean(values.fix || values['fix-dry-run']);

    const root = findRoot(io.cwd);
    const inRoot = (file: string) => path.relative(root, path.resolve(io.cwd, file)).split(path.sep).join('/');
    const patterns = positionals.length ? positionals : ['processes'];
    const files = await expandPatterns(patterns, io.cwd);
    if (files.length === 0) throw new UsageError('usage.noFiles', { patterns: patterns.join(' ') });
    const source = diskSource(root);
    if (values.config !== undefined && source.read(inRoot(values.config)) === undefined) throw new UsageError('config.unreadable', { file: values.config, detail: 'not found' });
    if (values.org !== undefined && source.read(inRoot(values.org)) === undefined) throw new UsageError('usage.missingPath', { path: values.org });
    // Found specs are absolute and normalised: below the root, their path in it is what follows the root's.
    const rootPrefix = root.endsWith(path.sep) ? root : root + path.sep;
    const specs = files.map((file) => (file.startsWith(rootPrefix) ? toPosix(file.slice(rootPrefix.length)) : inRoot(file)));
    const lintOptions: LintProjectOptions = {
      source,
      specs,
      rules: parseRuleFlags(values.rule ?? []),
      ...(values.config !== undefined ? { config: inRoot(values.config) } : {}),
      ...(values.org !== undefined ? { org: inRoot(values.org) } : {}),
      ...(values.today !== undefined ? { today: values.today } : {}),
      ...(values['no-cache'] ? {} : { cacheRoot: root }),
      ...(threads !== undefined ? { threads } : {}),
      ...(pre.changed !== undefined ? { changed: changedSince(pre.changed, root, io.cwd, patterns, specs, values.config !== undefined ? inRoot(values.config) : CONFIG_FILE) } : {}),
    };
    let lint = await lintProject({ ...lintOptions, withFixes: fixing });
    // `--config` may name another file, with its own handbook settings.
    if (values.locale === undefined) locale = commandLocale(io.env, lint.config.handbook);
    if (fixing) {
      const fixedCount = fix(lint, root, Boolean(values['fix-dry-run']), io, locale);
      if (values.fix && fixedCount > 0) lint = await lintProject(lintOptions);
    }

    // Shown relative to where the command was run, as editors and terminals expect (from the root, they are the same).
    let results: FileResult[] = path.resolve(io.cwd) === root ? lint.results : lint.results.map((result) => {
      const file = displayPath(path.join(root, result.file), io.cwd);
      return { ...result, file, findings: result.findings.map((finding) => ({ ...finding, file })) };
    });
    if (values.quiet) results = results.map((r) => ({ ...r, findings: r.findings.filter((d) => d.severity === 'error'), warningCount: 0 }));
    const color = format === 'stylish' && !values.output && io.isTTY && !io.env.NO_COLOR;
    const base = rulesBase(lint.config.handbook, locale);
    const formatOptions = { locale, color, docsUrl: (ruleId: string) => docsUrl(ruleId, base), ...(lint.config.handbook.url ? { informationUri: lint.config.handbook.url } : {}) };
    // Written piece by piece: a report on every spec of a large handbook is never held whole.
    const report = formatter(results, formatOptions);
    if (values.output) {
      let fd: number | undefined;
      try {
        fd = openSync(path.resolve(io.cwd, values.output), 'w');
        for (const piece of report) writeSync(fd, piece);
      } catch (error) {
        throw new UsageError('usage.output', { file: values.output, detail: error instanceof Error && 'code' in error ? String(error.code) : String(error) });
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    } else for (const piece of report) io.stdout(piece);
    if (format === 'github' && io.env.GITHUB_STEP_SUMMARY) {
      try {
        appendFileSync(io.env.GITHUB_STEP_SUMMARY, githubSummary(results, formatOptions));
      } catch {
        // The job summary is a convenience; the annotations carry the findings.
      }
    }

    if (lint.fatal) return 2;
    if (lint.errorCount > 0) return 1;
    if (maxWarnings !== undefined && lint.warningCount > maxWarnings) {
      io.stderr(`${m(locale, 'summary.maxWarnings', { count: lint.warningCount, max: maxWarnings })}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${error.text(locale)}\n`);
      return 2;
    }
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    io.stderr(`${TOOL_NAME}: ${m(locale, 'internalError', { reason })}\n`);
    return 2;
  }
}

/**
 * `--changed REF`: the files changed against REF that the lint covers (specs matching the
 * patterns, a deleted one included; the config, CODEOWNERS, org and forms registries), and the
 * handbook as it was at REF, listed while the lint checks the specs (a REF git does not have fails at once).
 */
function changedSince(ref: string, root: string, cwd: string, patterns: string[], specs: string[], configFile: string): LintProjectOptions['changed'] {
  const current = new Set(specs);
  const matchers = patterns.map((pattern) => {
    if (isDynamicPattern(pattern)) {
      const match = picomatch(pattern, { dot: true });
      return (file: string) => match(displayPath(path.join(root, file), cwd));
    }
    const target = path.relative(root, path.resolve(cwd, pattern)).split(path.sep).join('/');
    return (file: string) => file === target || target === '' || file.startsWith(`${target}/`);
  });
  const relevant = (file: string) =>
    current.has(file) ||
    file === configFile ||
    file === '.github/CODEOWNERS' ||
    file === 'CODEOWNERS' ||
    file === 'org.yml' ||
    file.endsWith('/org.yml') ||
    file === 'forms.yml' ||
    file.endsWith('/forms.yml') ||
    (file.endsWith('.md') && matchers.some((matches) => matches(file)));
  return gitChange(ref, root).then(({ base, paths }) => ({ base, paths: paths.filter(relevant) }));
}

const toPosix = (file: string) => (path.sep === '/' ? file : file.split(path.sep).join('/'));

/** `diff`'s patch writer, loaded only when `--fix-dry-run` prints one: most runs never need it. */
const unifiedDiff = (): typeof import('diff').createTwoFilesPatch => (createRequire(import.meta.url)('diff') as typeof import('diff')).createTwoFilesPatch;

/** Applies fixes until nothing changes (at most 10 passes); writes files or prints diffs. */
function fix(lint: ProjectLint, root: string, dryRun: boolean, io: CliIo, locale: Locale): number {
  let count = 0;
  let files = 0;
  const diffs: string[] = [];
  for (const [file, { text, fixes }] of [...(lint.fixes ?? new Map<string, { text: string; fixes: FixableFinding[] }>())].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let current = text;
    let pending = fixes;
    const applied = pending.length;
    for (let pass = 0; pass < 10 && pending.length > 0; pass++) {
      const next = applyFixes(current, pending.map((f) => f.fix));
      if (next === current) break;
      current = next;
      pending = lint.recheck(file, current).fixes;
    }
    if (current === text) continue;
    count += applied;
    files++;
    const shown = displayPath(path.join(root, file), io.cwd);
    if (dryRun) diffs.push(unifiedDiff()(shown, shown, text, current, '', '', { context: 3 }));
    else {
      const absolute = path.join(root, file);
      writeFileSync(absolute, restoreLineEnds(readFileSync(absolute), current));
    }
  }
  if (dryRun) io.stdout(diffs.join(''));
  io.stderr(`${count ? m(locale, dryRun ? 'fix.wouldApply' : 'fix.applied', { count, files }) : m(locale, 'fix.none')}\n`);
  return count;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
