/**
 * The language server shows exactly what `processlint` reports: every spec of `processes/` and of
 * the broken fixtures, opened in an editor as it is on disk, gets the findings `lintProject` gives
 * for the same handbook and date — same rule, severity, place and words, in the same order.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import type { Finding } from '../../scripts/core/diagnostic.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { specFilesIn } from '../../scripts/core/spec-files.ts';
import { messageOf } from '../../scripts/lint/findings.ts';
import { diskSource, lintProject } from '../../scripts/lint/project.ts';
import { docsUrl } from '../../scripts/lint/version.ts';
import { LspClient } from '../../scripts/lsp/stdio-client.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A finding and a diagnostic, reduced to what a reader sees (an end only where the finding has one). */
function seen(finding: Finding, locale: Locale) {
  return {
    code: finding.ruleId,
    href: docsUrl(finding.ruleId),
    severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    start: [finding.line - 1, finding.column - 1],
    end: finding.endLine !== undefined ? [finding.endLine - 1, finding.endColumn! - 1] : 'line',
    message: messageOf(finding, locale),
  };
}

function shown(diagnostic: Diagnostic, hasEnd: boolean) {
  return {
    code: diagnostic.code,
    href: diagnostic.codeDescription?.href,
    severity: diagnostic.severity,
    start: [diagnostic.range.start.line, diagnostic.range.start.character],
    end: hasEnd ? [diagnostic.range.end.line, diagnostic.range.end.character] : diagnostic.range.end.line === diagnostic.range.start.line ? 'line' : 'elsewhere',
    message: diagnostic.message,
  };
}

// The handbook's specs are clean until their reviews fall due; a year on, most are overdue.
describe.each([
  ['processes', 'zh-CN', '2027-06-01'],
  ['test/fixtures/broken', 'en', '2026-06-01'],
] as const)('every spec of %s', (folder, locale, today) => {
  const specs = specFilesIn(path.join(ROOT, folder)).map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
  let client: LspClient;
  let cli: Map<string, Finding[]>;
  const server = new Map<string, Diagnostic[]>();

  beforeAll(async () => {
    cli = new Map((await lintProject({ source: diskSource(ROOT), specs, today })).results.map((result) => [result.file, result.findings]));
    client = new LspClient({ root: ROOT, locale: locale === 'zh-CN' ? 'zh-cn' : 'en', initializationOptions: { today } });
    await client.initialize();
    // All open at once, as an editor restoring its tabs. Each is open as it is on disk, so what the
    // others have open does not change its findings: the first published are the ones to compare.
    const published = specs.map((file) => client.diagnosticsFor(client.uri(file), 1));
    for (const file of specs) await client.open(file, readFileSync(path.join(ROOT, file), 'utf8'));
    (await Promise.all(published)).forEach(({ diagnostics }, i) => server.set(specs[i]!, diagnostics));
  });
  afterAll(async () => {
    await client.stop();
    expect(client.errors).toBe('');
  });

  it('has specs, and some with findings', () => {
    expect(specs.length).toBeGreaterThan(10);
    expect([...cli.values()].filter((findings) => findings.length > 0).length).toBeGreaterThan(10);
  });

  it.each(specs)('%s', (file) => {
    const expected = (cli.get(file) ?? []).map((finding) => seen(finding, locale));
    const findings = cli.get(file) ?? [];
    const actual = server.get(file)!.map((diagnostic, i) => shown(diagnostic, findings[i]?.endLine !== undefined));
    expect(actual).toEqual(expected);
  });
});
