/**
 * `npm run export -- <ids…|all> --format bpmn|docx|pdf [--format …] --out DIR [--site dist] [--lang zh-CN|en]`
 *
 * BPMN is written from the specs alone; Word and PDF print the built site's pages (run `npm run build`
 * first), so they carry the flowchart the site shows. `all` also writes the whole handbook (handbook.docx,
 * handbook.pdf). A mistake in the request is one line and exit code 2.
 */
import { parseArgs } from 'node:util';
import { readHandbookConfig } from '../core/read-handbook-config.ts';
import { today } from '../../site/lib/today.ts';
import { exportHandbook, ExportRequestError, FORMATS, type ExportFormat } from './run.ts';

const USAGE = 'usage: npm run export -- <ids…|all> --format bpmn|docx|pdf [--format …] --out DIR [--site dist] [--processes processes] [--lang zh-CN|en]';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', multiple: true },
        out: { type: 'string' },
        site: { type: 'string', default: 'dist' },
        processes: { type: 'string', default: process.env.HANDBOOK_PROCESSES_DIR ?? 'processes' },
        lang: { type: 'string', default: 'zh-CN' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const formats = (values.format ?? []).flatMap((format) => format.split(','));
  const unknown = formats.filter((format) => !(FORMATS as readonly string[]).includes(format));
  if (formats.length === 0 || unknown.length > 0 || !values.out || positionals.length === 0 || (values.lang !== 'zh-CN' && values.lang !== 'en')) {
    const why = unknown.length > 0 ? `unknown format ${unknown.join(', ')} (bpmn, docx or pdf)` : formats.length === 0 ? '--format is required' : !values.out ? '--out is required' : positionals.length === 0 ? 'name the processes, or all' : `--lang must be zh-CN or en`;
    console.error(`${why}\n${USAGE}`);
    return 2;
  }
  const locale = values.lang as 'zh-CN' | 'en';
  try {
    const written = await exportHandbook({
      processes: values.processes,
      out: values.out,
      formats: [...new Set(formats)] as ExportFormat[],
      ...(positionals.includes('all') ? {} : { ids: positionals }),
      site: values.site,
      locale,
      title: readHandbookConfig(process.cwd()).name[locale],
      today: today(),
      log: (line) => console.error(line),
    });
    console.log(`${written.length} files written to ${values.out}`);
    return 0;
  } catch (error) {
    if (error instanceof ExportRequestError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
