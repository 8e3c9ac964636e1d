/**
 * What the fuzz and hostile tests drive: the linter's one entry point (`lintProject`) on texts
 * held in memory, with every finding worded in the case's language.
 */
import type { Diagnostic } from '../../scripts/core/diagnostic.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { messageOf } from '../../scripts/lint/findings.ts';
import { lintProject, memorySource } from '../../scripts/lint/project.ts';

export interface TextFile {
  file: string;
  text: string;
}

export interface LintOptions {
  org?: TextFile;
  today: string;
  locale: Locale;
}

export interface FileResultLike {
  file: string;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
}

export type LintTexts = (files: TextFile[], options: LintOptions) => Promise<FileResultLike[]>;

export interface Subject {
  /** Printed so a run says what it tested. */
  name: string;
  lint: LintTexts;
}

/** The org registry sits at the root, so every spec of a case finds it. */
const ORG_PATH = 'org.yml';

export async function loadSubject(): Promise<Subject> {
  return {
    name: 'lintProject',
    async lint(files, options) {
      const texts = new Map(files.map(({ file, text }) => [file, text]));
      if (options.org) texts.set(ORG_PATH, options.org.text);
      const run = await lintProject({ source: memorySource(texts), specs: files.map(({ file }) => file), config: { extends: 'recommended' }, today: options.today });
      return run.results
        .filter((result) => result.file !== ORG_PATH)
        .map((result) => ({
          file: result.file,
          diagnostics: result.findings.map((finding) => ({ ...finding, message: messageOf(finding, options.locale) })),
          errorCount: result.errorCount,
          warningCount: result.warningCount,
        }));
    },
  };
}
