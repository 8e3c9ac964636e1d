/**
 * `npm run diff -- [BASE] [HEAD] [--format text|markdown] [--locale zh-CN|en] [--output FILE] [--reviewers FILE] [--mermaid]`
 *
 * What a change means for the processes it touches, between BASE (default
 * `origin/main`, else `main`, else `HEAD`) and HEAD (default: the working tree).
 * `--reviewers FILE` writes the GitHub users and teams to ask for a review (a JSON
 * list) for CI to request. Exit 0 with a report, 2 on a usage or git error.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Locale } from '../core/messages.ts';
import { semanticDiff } from './collect.ts';
import { GitError } from './git.ts';
import { renderMarkdown, renderText } from './render.ts';

const USAGE = 'Usage: npm run diff -- [BASE] [HEAD] [--format text|markdown] [--locale zh-CN|en] [--output FILE] [--reviewers FILE] [--mermaid] [--today YYYY-MM-DD]';

export async function run(argv: string[], cwd: string, io: { out: (t: string) => void; err: (t: string) => void }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        locale: { type: 'string' },
        output: { type: 'string', short: 'o' },
        reviewers: { type: 'string' },
        mermaid: { type: 'boolean' },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  // Chinese unless asked otherwise: the comment is read by process owners.
  const locale = (values.locale ?? 'zh-CN') as Locale;
  const zh = locale === 'zh-CN';
  if (!['zh-CN', 'en'].includes(locale) || !['text', 'markdown'].includes(values.format) || positionals.length > 2 || (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))) {
    io.err(`${zh ? '参数无效' : 'Invalid arguments'}: ${argv.join(' ')}\n${USAGE}`);
    return 2;
  }
  let report;
  try {
    report = await semanticDiff({ cwd, locale, ...(positionals[0] ? { base: positionals[0] } : {}), ...(positionals[1] ? { head: positionals[1] } : {}), ...(values.today ? { today: values.today } : {}) });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    io.err(zh ? `无法读取 git 版本：${error.message}\n请在手册仓库中运行，并确认版本名正确（例如 origin/main、main 或提交号）。` : `Cannot read the git revisions: ${error.message}\nRun this inside the handbook repository with valid revisions (e.g. origin/main, main or a commit id).`);
    return 2;
  }
  const text = values.format === 'markdown' ? renderMarkdown(report, { locale }) : renderText(report, { locale, mermaid: values.mermaid === true });
  const writes: Array<[string, string]> = [];
  if (values.output) writes.push([values.output, text]);
  else io.out(text.trimEnd());
  if (values.reviewers) writes.push([values.reviewers, `${JSON.stringify(report.reviewRequests)}\n`]);
  for (const [file, content] of writes) {
    try {
      writeFileSync(file, content);
    } catch (error) {
      io.err(zh ? `无法写入 ${file}：${(error as Error).message}` : `Cannot write ${file}: ${(error as Error).message}`);
      return 2;
    }
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2), process.cwd(), { out: (t) => console.log(t), err: (t) => console.error(t) });
}
