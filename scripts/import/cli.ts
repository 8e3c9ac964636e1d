/**
 * `npm run import -- file.docx [--id ID] [--category business|management|information] [--department ID] [--owner ID] [--out FILE] [--lang zh-CN|en]`
 *
 * Reads a Word procedure, writes a spec skeleton (by default processes/<category>/<id>.md; never over an
 * existing file), then lints it and lists what a person must resolve: the importer's notes (roles not in
 * org.yml, time limits it could not read, missing columns) and the linter's findings, each explained.
 * A problem with the request or the document is one line and exit code 2.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { KEBAB_ID } from '../../schemas/common.ts';
import { CATEGORIES } from '../../schemas/process.ts';
import { loadOrg } from '../core/load-org.ts';
import type { Locale } from '../core/messages.ts';
import { messageOf } from '../lint/findings.ts';
import { diskSource, lintProject } from '../lint/project.ts';
import { todayLocal } from '../model/dates.ts';
import type { Category } from '../new.ts';
import { importedSkeleton, ImportError, readWordProcedure, type ImportNote } from './word.ts';

const USAGE = 'usage: npm run import -- file.docx [--id ID] [--category business|management|information] [--department ID] [--owner ID] [--out FILE] [--processes processes] [--lang zh-CN|en]';

export interface ImportResult {
  file: string;
  text: string;
  notes: ImportNote[];
  /** The linter's findings on the skeleton, rendered. */
  findings: Array<{ ruleId: string; severity: string; line: number; message: string }>;
}

/** Imports `docx` into a skeleton written at `out` (relative to `root`), and lints it there. */
export async function importWord(options: { docx: string; root: string; processes: string; id: string; category: Category; department?: string; owner?: string; out?: string; today?: string; locale?: Locale }): Promise<ImportResult> {
  const locale = options.locale ?? 'zh-CN';
  const orgFile = path.join(options.processes, 'org.yml');
  const org = loadOrg(orgFile, readFileSync(path.resolve(options.root, orgFile))).org;
  if (!org) throw new ImportError(`${orgFile} cannot be read: run npm run lint to see why`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.resolve(options.root, options.docx));
  } catch (error) {
    throw new ImportError(`${options.docx}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const procedure = await readWordProcedure(bytes, options.docx);
  const { text, notes } = importedSkeleton(procedure, { id: options.id, category: options.category, ...(options.department ? { department: options.department } : {}), ...(options.owner ? { owner: options.owner } : {}), today: options.today ?? todayLocal(), org });
  const file = (options.out ?? path.join(options.processes, options.category, `${options.id}.md`)).split(path.sep).join('/');
  const absolute = path.resolve(options.root, file);
  if (existsSync(absolute)) throw new ImportError(`${file} already exists: pass --out to write the skeleton elsewhere, or another --id`);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
  const disk = diskSource(options.root);
  const lint = await lintProject({ source: disk, specs: [file], ...(options.today ? { today: options.today } : {}) });
  // The skeleton's own findings: the registries' (a registered form no spec of this run names) are not about it.
  const findings = lint.results.filter((result) => result.file === file).flatMap((result) => result.findings.map((finding) => ({ ruleId: finding.ruleId, severity: finding.severity, line: finding.line, message: messageOf(finding, locale) })));
  return { file, text, notes, findings };
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        id: { type: 'string' },
        category: { type: 'string', default: 'business' },
        department: { type: 'string' },
        owner: { type: 'string' },
        out: { type: 'string' },
        processes: { type: 'string', default: process.env.HANDBOOK_PROCESSES_DIR ?? 'processes' },
        lang: { type: 'string', default: 'zh-CN' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const docx = positionals[0];
  const id = values.id ?? (docx ? path.basename(docx, path.extname(docx)).toLowerCase() : undefined);
  if (!docx || positionals.length > 1) {
    console.error(`name one Word file\n${USAGE}`);
    return 2;
  }
  if (!id || !KEBAB_ID.test(id)) {
    console.error(`${id ? `"${id}" is not a process id (lower-case letters, digits and single hyphens)` : 'no id'}: pass --id, e.g. --id customer-complaint\n${USAGE}`);
    return 2;
  }
  if (!(CATEGORIES as readonly string[]).includes(values.category)) {
    console.error(`--category must be one of ${CATEGORIES.join(', ')}\n${USAGE}`);
    return 2;
  }
  const locale: Locale = values.lang === 'en' ? 'en' : 'zh-CN';
  try {
    const result = await importWord({ docx, root: process.cwd(), processes: values.processes, id, category: values.category as Category, ...(values.department ? { department: values.department } : {}), ...(values.owner ? { owner: values.owner } : {}), ...(values.out ? { out: values.out } : {}), locale });
    console.log(locale === 'en' ? `Wrote ${result.file}.` : `已写入 ${result.file}。`);
    const todo = [...result.notes.map((note) => (locale === 'en' ? note.en : note.zh)), ...result.findings.map((finding) => `${result.file}:${finding.line} ${finding.message} (${finding.ruleId})`)];
    if (todo.length > 0) {
      console.log(locale === 'en' ? `To resolve (${todo.length}):` : `需要处理（${todo.length} 项）：`);
      for (const line of todo) console.log(`  - ${line}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
