import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type Hover,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from 'yaml-language-server';
import { localeFromEnv, type Locale } from '../core/messages.ts';
import { render } from '../core/render.ts';
import { todayLocal } from '../model/dates.ts';
import type { FixableFinding } from '../lint/check-file.ts';
import { applyFixes, restoreLineEnds } from '../lint/fix.ts';
import { m, UsageError } from '../lint/messages.ts';
import { TOOL_NAME, VERSION } from '../lint/version.ts';
import { findingKey, localeOf, toDiagnostic, type FindingKey } from './diagnostics.ts';
import { frontMatterView, inFrontMatter, parseView, valueAt } from './front-matter.ts';
import { Handbook, handbookOf, toPosix, type HandbookLint } from './handbook.ts';
import { idCompletions, idHover, type IdSources } from './ids.ts';
import { withoutModeline, yamlService } from './yaml-service.ts';

/**
 * processlint's language server: the linter's findings on every open spec while it is typed, and
 * help with the front matter (completion, hover, quick fixes), for any editor that speaks LSP.
 *
 * Why a server of our own rather than `unified-language-server` (the `vscode-remark` extension):
 * that server reports what a remark pipeline says of one file read on its own. It has no
 * completion and no hover, so the schema's help would still be missing from front matter (the
 * YAML extension does not read front matter in Markdown, redhat-developer/vscode-yaml#207); it
 * cannot see the other open, unsaved specs that cross-process findings depend on; and its quick
 * fixes only replace a finding's range with fixed text, while ours rewrite the YAML document with
 * comments kept. Here the findings come from the linter's own functions (see `handbook.ts`), and
 * Red Hat's YAML language service, given the front matter alone, completes and explains keys.
 */

/** How long typing must pause before the spec is checked again. */
export const DEBOUNCE_MS = 100;

/** Without file watching, how often the specs on disk are listed and their sizes and times read again. */
const RESCAN_MS = 1000;

/** What an editor may pass in `initializationOptions`. */
export interface ServerOptions {
  /** The messages' language when the editor does not say (`zh-CN` or `en`). */
  locale?: string;
  /** The date to check review dates against (YYYY-MM-DD), as the CLI's `--today`; default today. */
  today?: string;
}

const ACTIONS = {
  fix: { en: 'Fix automatically ({{rule}})', 'zh-CN': '自动修复（{{rule}}）' },
  fixAll: { en: 'Fix every problem processlint can fix', 'zh-CN': '自动修复 processlint 能修复的全部问题' },
  cannotCheck: { en: 'processlint cannot check this file: {{reason}}', 'zh-CN': 'processlint 无法检查此文件：{{reason}}' },
} as const;

const FIX_ALL = `${CodeActionKind.SourceFixAll}.${TOOL_NAME}`;

interface OpenSpec {
  handbook: Handbook;
  /** Path relative to the handbook's root. */
  file: string;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const handbooks = new Map<string, Handbook>();
  const lastLint = new Map<Handbook, HandbookLint>();
  const timers = new Map<Handbook, ReturnType<typeof setTimeout>>();
  /** Org registries with findings published, per handbook, so they are cleared once fixed. */
  const orgUris = new Map<Handbook, Set<string>>();
  const justOpened = new Set<string>();
  const lookedAt = new Map<Handbook, number>();
  let locale: Locale = localeFromEnv(process.env);
  let fixedToday: string | undefined;
  let watching = false;
  let yaml: Promise<LanguageService> | undefined;

  /** Each open document's handbook (or none), found once: every check asks for every open document's. */
  const places = new Map<string, OpenSpec | null>();
  const specOf = (uri: string): OpenSpec | undefined => {
    if (places.has(uri)) return places.get(uri) ?? undefined;
    const place = uri.startsWith('file:') ? handbookOf(fileURLToPath(uri)) : undefined;
    let spec: OpenSpec | null = null;
    if (place) {
      const key = `${place.root}\0${place.folder}`;
      let handbook = handbooks.get(key);
      if (!handbook) handbooks.set(key, (handbook = new Handbook(place)));
      spec = { handbook, file: toPosix(path.relative(place.root, fileURLToPath(uri))) };
    }
    places.set(uri, spec);
    return spec ?? undefined;
  };

  const openIn = (handbook: Handbook): Array<{ document: TextDocument; file: string }> =>
    documents.all().flatMap((document) => {
      const spec = specOf(document.uri);
      return spec?.handbook === handbook ? [{ document, file: spec.file }] : [];
    });

  /** Lints a handbook and publishes its open specs' findings (and its org registries'). */
  const lint = (handbook: Handbook): HandbookLint | undefined => {
    clearTimeout(timers.get(handbook));
    timers.delete(handbook);
    const open = openIn(handbook);
    // An editor that does not watch files for us: look at the specs on disk again now and then
    // (org.yml, CODEOWNERS and the config are read at every check anyway).
    if (!watching && Date.now() - (lookedAt.get(handbook) ?? 0) >= RESCAN_MS) {
      handbook.markStale();
      lookedAt.set(handbook, Date.now());
    }
    let result: HandbookLint;
    try {
      result = handbook.lint(new Map(open.map(({ document, file }) => [file, document.getText()])), fixedToday ?? todayLocal());
    } catch (error) {
      // A config the linter refuses stops the CLI; here each open spec says why nothing is checked.
      const reason = error instanceof UsageError ? error.text(locale) : m(locale, 'internalError', { reason: error instanceof Error ? error.message : String(error) });
      if (!(error instanceof UsageError)) connection.console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      for (const { document } of open) {
        const diagnostic: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, severity: DiagnosticSeverity.Error, source: TOOL_NAME, message: render(ACTIONS.cannotCheck[locale], { reason }, locale) };
        void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [diagnostic] });
      }
      return undefined;
    }
    lastLint.set(handbook, result);
    for (const { document, file } of open) {
      const findings = result.results.get(file)?.findings ?? [];
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: findings.map((finding) => toDiagnostic(finding, locale, document)) });
    }
    publishOrgFindings(handbook, result);
    return result;
  };

  const publishOrgFindings = (handbook: Handbook, result: HandbookLint) => {
    const texts = new Map([...result.environment.setup.orgs, ...result.environment.setup.forms]);
    const before = orgUris.get(handbook) ?? new Set<string>();
    const now = new Set<string>();
    // The org and forms registries' own problems, on the registries.
    for (const org of [...result.environment.orgResults, ...result.environment.formsResults]) {
      const uri = pathToFileURL(path.join(handbook.root, org.file)).href;
      const text = texts.get(org.file) ?? readText(path.join(handbook.root, org.file));
      const document = TextDocument.create(uri, 'yaml', 0, text);
      now.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics: org.findings.map((finding) => toDiagnostic(finding, locale, document)) });
    }
    for (const uri of before) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    orgUris.set(handbook, now);
  };

  const schedule = (handbook: Handbook, delay: number) => {
    clearTimeout(timers.get(handbook));
    timers.set(
      handbook,
      setTimeout(() => {
        try {
          lint(handbook);
        } catch (error) {
          connection.console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        }
      }, delay),
    );
  };

  /** The handbook as last linted with this text, linting now if the text changed since. */
  const current = (document: TextDocument, spec: OpenSpec): HandbookLint | undefined => {
    const last = lastLint.get(spec.handbook);
    const fresh = last && !timers.has(spec.handbook) && spec.handbook.fixesFor(spec.file, document.getText()) !== undefined;
    return fresh ? last : lint(spec.handbook);
  };

  /** The YAML language service; without it (it failed to load, and said why once) ids are still completed. */
  const schemaService = async (): Promise<LanguageService | undefined> => {
    try {
      return await yaml;
    } catch {
      return undefined;
    }
  };

  const idSources = (document: TextDocument, spec: OpenSpec, parsed: IdSources['document']): IdSources => {
    const result = current(document, spec);
    const processes = new Map<string, string>();
    for (const [file, report] of result?.reports ?? []) if (report.outline?.id !== undefined && !processes.has(report.outline.id)) processes.set(report.outline.id, file);
    const org = result?.envFor(spec.file).org;
    return { document: parsed, processes, ...(org ? { org } : {}) };
  };

  connection.onInitialize((params) => {
    const options = (params.initializationOptions ?? {}) as ServerOptions;
    locale = localeOf(params.locale ?? options.locale, locale);
    if (typeof options.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(options.today)) fixedToday = options.today;
    watching = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    yaml = yamlService(params.capabilities);
    // Loaded in the background, while the first specs are checked.
    yaml.catch((error: unknown) => connection.console.error(`The YAML language service could not be loaded: ${error instanceof Error ? error.message : String(error)}`));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [' '] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
      },
      serverInfo: { name: TOOL_NAME, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (!watching) return;
    // Specs, org and forms registries, the config and CODEOWNERS changed on disk (saved, checked out, pulled).
    const watchers = ['**/*.md', '**/org.yml', '**/forms.yml', '**/processlint.config.yml', '**/CODEOWNERS'].map((globPattern) => ({ globPattern }));
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
  });

  connection.onDidChangeWatchedFiles(() => {
    // An org.yml added or removed can move a document to another handbook.
    places.clear();
    for (const handbook of handbooks.values()) {
      handbook.markStale();
      if (openIn(handbook).length > 0) schedule(handbook, 0);
    }
  });

  documents.onDidOpen(({ document }) => justOpened.add(document.uri));
  documents.onDidChangeContent(({ document }) => {
    const spec = specOf(document.uri);
    const opened = justOpened.delete(document.uri);
    if (spec) schedule(spec.handbook, opened ? 0 : DEBOUNCE_MS);
  });
  documents.onDidClose(({ document }) => {
    justOpened.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    const spec = specOf(document.uri);
    places.delete(document.uri);
    if (!spec) return;
    // Its file on disk now stands for it in the others' references.
    spec.handbook.markStale();
    if (openIn(spec.handbook).length > 0) schedule(spec.handbook, 0);
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    const spec = document && specOf(document.uri);
    const view = document && frontMatterView(document.getText());
    if (!document || !spec || !view || !inFrontMatter(view, position.line)) return null;
    const parsed = parseView(view);
    const site = valueAt(parsed, view.yaml, document.offsetAt(position));
    const ids: CompletionItem[] = site ? idCompletions(site, idSources(document, spec, parsed), document, locale) : [];
    const service = await schemaService();
    const schema = service ? await service.doComplete(TextDocument.create(document.uri, 'yaml', document.version, withoutModeline(view.yaml)), position, false) : undefined;
    return { isIncomplete: schema?.isIncomplete ?? false, items: [...ids, ...(schema?.items ?? [])] };
  });

  connection.onHover(async ({ textDocument, position }): Promise<Hover | null> => {
    const document = documents.get(textDocument.uri);
    const spec = document && specOf(document.uri);
    const view = document && frontMatterView(document.getText());
    if (!document || !spec || !view || !inFrontMatter(view, position.line)) return null;
    const parsed = parseView(view);
    const site = valueAt(parsed, view.yaml, document.offsetAt(position));
    const named = site ? idHover(site, idSources(document, spec, parsed), locale) : undefined;
    const service = await schemaService();
    const schema = service ? await service.doHover(TextDocument.create(document.uri, 'yaml', document.version, withoutModeline(view.yaml)), position) : null;
    const described = schema && typeof schema.contents === 'object' && 'kind' in schema.contents ? (schema.contents as MarkupContent).value : undefined;
    if (!named && !described) return null;
    const value = [named?.value, described].filter((part): part is string => Boolean(part)).join('\n\n---\n\n');
    return { contents: { kind: 'markdown', value }, ...(schema?.range ? { range: schema.range } : {}) };
  });

  connection.onCodeAction(({ textDocument, context }) => {
    const document = documents.get(textDocument.uri);
    const spec = document && specOf(document.uri);
    if (!document || !spec) return null;
    const result = current(document, spec);
    const fixes = spec.handbook.fixesFor(spec.file, document.getText()) ?? [];
    if (!result || fixes.length === 0) return null;
    const byKey = new Map(fixes.map((fixable) => [findingKey(fixable.finding), fixable]));
    const actions: CodeAction[] = [];
    const wants = (kind: string) => !context.only || context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics) {
        const key = (diagnostic.data as FindingKey | undefined)?.key;
        const fixable = key === undefined ? undefined : byKey.get(key);
        const edit = fixable && editFor(document, [fixable]);
        if (!edit) continue;
        actions.push({ title: render(ACTIONS.fix[locale], { rule: fixable.finding.ruleId }, locale), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [document.uri]: [edit] } } });
      }
    }
    if (wants(FIX_ALL)) {
      // Only what the editor shows: a suppressed finding keeps its text.
      const shown = new Set((result.results.get(spec.file)?.findings ?? []).map(findingKey));
      const edit = editFor(document, fixes.filter((fixable) => shown.has(findingKey(fixable.finding))));
      if (edit) actions.push({ title: ACTIONS.fixAll[locale], kind: FIX_ALL, edit: { changes: { [document.uri]: [edit] } } });
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * The repairs applied as `--fix` applies them (to the text the linter read, through the YAML
 * document), as one edit of the part of the document that changes.
 */
function editFor(document: TextDocument, fixes: FixableFinding[]): TextEdit | undefined {
  if (fixes.length === 0) return undefined;
  const text = document.getText();
  const read = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fixed = applyFixes(read, fixes.map((fixable) => fixable.fix));
  if (fixed === read) return undefined;
  const after = restoreLineEnds(text, fixed);
  let start = 0;
  while (start < text.length && start < after.length && text.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < text.length - start && end < after.length - start && text.charCodeAt(text.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair or a CRLF.
  while (start > 0 && /[\uD800-\uDBFF\r]/.test(text[start - 1]!)) start--;
  while (end > 0 && /[\uDC00-\uDFFF\n]/.test(text[text.length - end]!)) end--;
  return { range: { start: document.positionAt(start), end: document.positionAt(text.length - end) }, newText: after.slice(start, after.length - end) };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
