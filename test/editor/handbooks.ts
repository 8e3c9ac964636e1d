import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import type { Locale } from '../../scripts/core/messages.ts';
import { messageOf } from '../../scripts/lint/findings.ts';
import { diskSource, lintProject } from '../../scripts/lint/project.ts';
import { editorLintData } from '../../site/lib/editor-data.ts';
import { useTranslations } from '../../site/lib/i18n.ts';
import { STEP_TABLE_STRINGS } from '../../site/lib/step-table.ts';
import type { EditorHandbook, ShownFinding } from '../../site/scripts/editor/protocol.ts';

/** The date every run here is linted as of (review-overdue depends on it). */
export const TODAY = '2026-11-23';

/** The two handbooks the editor must lint as the CLI does: the real one and the broken fixtures. */
export const HANDBOOKS = {
  processes: () => globSync('processes/**/*.md').sort(),
  broken: () => globSync('test/fixtures/broken/*.md').sort(),
};

/** A handbook as the build ships it to the editor (`/edit/handbook.json`). */
export async function editorHandbook(specs: string[]): Promise<EditorHandbook> {
  return { ...(await editorLintData(process.cwd(), specs, TODAY)), processes: [], forms: [], specFolder: 'processes', today: TODAY, repository: { url: 'https://github.com/acme/handbook', branch: 'main' } };
}

/** The UI strings the editor page sends its worker for the table, in `locale`. */
export function tableStrings(locale: Locale): Record<string, string> {
  const t = useTranslations(locale);
  return Object.fromEntries(STEP_TABLE_STRINGS.map((key) => [key, t(key)]));
}

/** What the CLI (`lintProject`, as `processlint <specs>` runs it) finds, in the editor's terms. */
export async function cliFindings(specs: string[], locale: Locale): Promise<Map<string, Comparable[]>> {
  const lint = await lintProject({ source: diskSource(process.cwd()), specs, today: TODAY });
  return new Map(lint.results.map((result) => [result.file, result.findings.map((finding) => comparable({ ...finding, message: messageOf(finding, locale) }))]));
}

export type Comparable = Pick<ShownFinding, 'ruleId' | 'messageId' | 'data' | 'severity' | 'line' | 'column' | 'endLine' | 'endColumn' | 'message' | 'fixable'>;

/** A finding without what only one side has (the editor's rule link; the CLI's file and path). */
export function comparable(finding: Comparable): Comparable {
  const { ruleId, messageId, data, severity, line, column, endLine, endColumn, message, fixable } = finding;
  return JSON.parse(JSON.stringify({ ruleId, messageId, data, severity, line, column, endLine, endColumn, message, fixable: fixable === true })) as Comparable;
}

export const textOf = (file: string) => readFileSync(file, 'utf8');
