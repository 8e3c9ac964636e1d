import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yamlFrontmatter } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, defineLanguageFacet, indentUnit, Language, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Text } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
import { parser as markdownParser, GFM } from '@lezer/markdown';
import { toDom } from 'hast-util-to-dom';
import { format, type Locale } from '../../../scripts/core/messages.ts';
import type { Inline } from '../../../scripts/diff/render.ts';
import { todayLocal } from '../../../scripts/model/dates.ts';
import { clearDraft, readDraft, saveDraft } from './drafts.ts';
import { githubLink } from './github.ts';
import type { Bump, EditorHandbook, Preview, ShownFinding, Summary, WorkerRequest, WorkerResponse } from './protocol.ts';
import type { schemaSupport } from './schema.ts';
import { bumped } from './version.ts';

/** Quiet time after a keystroke before the file is checked again. */
const CHECK_DELAY_MS = 80;
const DRAFT_DELAY_MS = 400;
/** Quiet time before the flowchart is drawn again: Mermaid draws on the page's thread, and typing comes first. */
const FLOWCHART_DELAY_MS = 600;
const WORKDAY_HOURS = 8;

/**
 * The body's Markdown, highlighted by the Lezer parser alone: @codemirror/lang-markdown would bring
 * the HTML, CSS and JavaScript languages for embedded code (about 45 KB gzipped) that specs never hold.
 */
const markdownBody = new Language(defineLanguageFacet(), markdownParser.configure(GFM), [], 'markdown');

/** CodeMirror's own words, in Chinese. */
const CODEMIRROR_ZH: Record<string, string> = { Diagnostics: '检查结果', 'No diagnostics': '没有问题', close: '关闭', Completions: '补全建议', 'Control character': '控制字符' };

/**
 * `<hb-editor>`: the editing page. The page holds the editor (CodeMirror) and the preview; a web
 * worker holds the linter (lint-worker.ts). The published text and the handbook's index come from
 * the site's own static files; drafts stay in localStorage; nothing is sent anywhere.
 */
class HandbookEditor extends HTMLElement {
  private strings: Record<string, string> = {};
  private locale: Locale = 'zh-CN';
  private handbook!: EditorHandbook;
  private worker!: Worker;
  private view!: EditorView;
  /** The spec's path: fixed for an existing process, from its id and category for a new one. */
  private file = '';
  private existing = false;
  private published: string | undefined;
  private seq = 0;
  private findings: ShownFinding[] = [];
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  /** The diagram drawn last (its source as JSON): an edit that leaves it as it is does not draw it again. */
  private shownDiagram = '';
  /** The flowchart waiting to be drawn (when it is near the screen, and typing has paused). */
  private pendingDiagram: Preview | undefined;
  private diagramVisible = false;
  private diagramTimer: ReturnType<typeof setTimeout> | undefined;
  private pending = new Map<number, (response: WorkerResponse) => void>();
  private schemaSupport: Promise<ReturnType<typeof schemaSupport>> | undefined;
  /** When the last keystroke happened (for the keystroke-to-findings time the page reports). */
  private typedAt = 0;

  async connectedCallback() {
    this.locale = this.dataset.locale === 'en' ? 'en' : 'zh-CN';
    this.strings = JSON.parse(this.dataset.strings ?? '{}') as Record<string, string>;
    try {
      await this.start();
    } catch (error) {
      this.setFileLine(this.say('edit.loadFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  }

  private say(key: string, data?: Record<string, unknown>): string {
    return format(this.strings[key] ?? key, data);
  }

  private el<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  private setFileLine(text: string) {
    this.el('.hb-editor-file').textContent = text;
  }

  private async start() {
    const response = await fetch('/edit/handbook.json');
    if (!response.ok) throw new Error(`/edit/handbook.json: ${response.status}`);
    this.handbook = (await response.json()) as EditorHandbook;
    const today = this.handbook.today ?? todayLocal();
    this.el('.hb-editor-no-repository').hidden = this.handbook.repository !== undefined;

    this.worker = new Worker(new URL('./lint-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.receive(event.data);
    const ready = new Promise<void>((resolve) => this.pending.set(-1, () => resolve()));
    this.post({ type: 'init', handbook: this.handbook, locale: this.locale, today, strings: this.strings });

    const wanted = new URLSearchParams(location.search).get('process');
    const entry = wanted ? this.handbook.processes.find((process) => process.id === wanted) : undefined;
    this.fillPicker(entry?.id);
    let notice: string | undefined;
    if (entry) {
      const source = await fetch(`/edit/source/${entry.file}`);
      if (!source.ok) throw new Error(`${entry.file}: ${source.status}`);
      this.published = await source.text();
      this.file = entry.file;
      this.existing = true;
    } else {
      if (wanted) notice = this.say('edit.notFound', { id: wanted });
      this.file = `${this.handbook.specFolder}/business/new-process.md`;
    }
    const draft = readDraft(this.draftKey());
    if (draft) notice = this.say('edit.draftRestored', { time: new Date(draft.saved).toLocaleString(this.locale) });
    const text = draft?.text ?? this.published ?? (await this.skeleton(today));

    this.view = new EditorView({ parent: this.el('.hb-editor-code'), state: this.editorState(text) });
    this.view.contentDOM.setAttribute('aria-label', this.el('.hb-editor-code').getAttribute('aria-label') ?? '');
    await ready;
    this.post({ type: 'published', ...(this.published !== undefined ? { file: this.file, text: this.published } : {}) });
    this.showFile();
    if (notice) this.status(notice);
    // Mermaid loads, and draws, only once the flowchart is near the screen.
    new IntersectionObserver(
      (entries) => {
        this.diagramVisible = entries.some((entry) => entry.isIntersecting);
        this.drawPendingDiagram();
      },
      { rootMargin: '300px' },
    ).observe(this.el('.hb-preview-flowchart'));
    addEventListener('pagehide', () => this.keepDraft());
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-action]')) {
      button.disabled = false;
      button.addEventListener('click', () => void this.act(button.dataset.action!));
    }
    this.check();
  }

  /**
   * Schema completion and hover (codemirror-json-schema with its YAML parser and JSON Schema library,
   * about 55 KB gzipped) load when first asked for, not with the page.
   */
  private schema(): Promise<ReturnType<typeof schemaSupport>> {
    return (this.schemaSupport ??= import('./schema.ts').then((module) => module.schemaSupport(this.locale)));
  }

  private editorState(text: string): EditorState {
    return EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentUnit.of('  '),
        EditorState.tabSize.of(2),
        EditorView.lineWrapping,
        yamlFrontmatter({ content: markdownBody }),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        autocompletion({ override: [async (context) => (await this.schema()).completion(context)] }),
        hoverTooltip(async (view, pos, side) => (await this.schema()).hover(view, pos, side)),
        lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        ...(this.locale === 'zh-CN' ? [EditorState.phrases.of(CODEMIRROR_ZH)] : []),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          this.typedAt = performance.now();
          this.scheduleCheck();
          clearTimeout(this.draftTimer);
          this.draftTimer = setTimeout(() => this.keepDraft(), DRAFT_DELAY_MS);
        }),
      ],
    });
  }

  /** A new process starts from the skeleton `npm run new` writes (loaded only for a new process). */
  private async skeleton(today: string): Promise<string> {
    const { renderSkeleton } = await import('../../../scripts/skeleton.ts');
    return renderSkeleton({ id: 'new-process', category: 'business', department: 'department-id', owner: 'role-id', author: this.locale === 'zh-CN' ? '待填写：修订人' : 'author', today });
  }

  private fillPicker(current?: string) {
    const select = this.el<HTMLSelectElement>('select[name="process"]');
    for (const process of [...this.handbook.processes].sort((a, b) => a.id.localeCompare(b.id))) {
      const option = document.createElement('option');
      option.value = process.id;
      option.textContent = `${this.locale === 'en' && process.titleEn ? process.titleEn : process.title} (${process.id})`;
      option.selected = process.id === current;
      select.append(option);
    }
    select.addEventListener('change', () => {
      const target = new URL(location.href);
      if (select.value) target.searchParams.set('process', select.value);
      else target.searchParams.delete('process');
      location.assign(target);
    });
  }

  private draftKey(): string {
    return this.existing ? this.file : 'new';
  }

  private text(): string {
    return this.view.state.doc.toString();
  }

  private keepDraft() {
    const text = this.text();
    if (text === this.published) clearDraft(this.draftKey());
    else saveDraft(this.draftKey(), text);
  }

  private status(text: string) {
    this.el('.hb-editor-status').textContent = text;
  }

  private showFile() {
    this.setFileLine(this.say(this.existing ? 'edit.editing' : 'edit.editingNew', { file: this.file }));
  }

  private post(request: WorkerRequest) {
    this.worker.postMessage(request);
  }

  /** Sends a request and waits for its answer (fix, submit). */
  private ask(request: WorkerRequest & { seq: number }): Promise<WorkerResponse> {
    return new Promise((resolve) => {
      this.pending.set(request.seq, resolve);
      this.post(request);
    });
  }

  private scheduleCheck() {
    clearTimeout(this.checkTimer);
    this.el('.hb-findings-count').textContent = this.say('edit.checking');
    this.checkTimer = setTimeout(() => this.check(), CHECK_DELAY_MS);
  }

  private check() {
    this.post({ type: 'check', seq: ++this.seq, file: this.file, text: this.text() });
  }

  private receive(response: WorkerResponse) {
    if (response.type === 'ready') {
      this.pending.get(-1)?.(response);
      return;
    }
    if ('seq' in response && response.seq !== undefined && this.pending.has(response.seq)) {
      this.pending.get(response.seq)!(response);
      this.pending.delete(response.seq);
      return;
    }
    if (response.type === 'failed') {
      this.status(this.say('edit.loadFailed', { message: response.message }));
      return;
    }
    // Only the answer to the latest text is shown.
    if ((response.type !== 'checked' && response.type !== 'previewed') || response.seq !== this.seq) return;
    if (response.type === 'checked') {
      this.showFindings(response.findings);
      const elapsed = this.typedAt ? Math.round(performance.now() - this.typedAt) : undefined;
      if (elapsed !== undefined) this.dataset.keystrokeToFindingsMs = String(elapsed);
      this.dataset.workerMs = String(Math.round(response.ms));
      return;
    }
    // A new process is saved where its id and category say; check it again there.
    if (!this.existing && response.id && response.category && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(response.id) && /^[a-z]+$/.test(response.category)) {
      const file = `${this.handbook.specFolder}/${response.category}/${response.id}.md`;
      if (file !== this.file) {
        this.file = file;
        this.showFile();
        this.check();
        return;
      }
    }
    this.showPreview(response.preview);
    this.showSummary(response.summary);
    this.dataset.checked = String(response.seq);
  }

  private position(doc: Text, line: number, column: number): number {
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(at.from + Math.max(column - 1, 0), at.to);
  }

  private showFindings(findings: ShownFinding[]) {
    this.findings = findings;
    const doc = this.view.state.doc;
    const diagnostics: Diagnostic[] = findings.map((finding, index) => {
      const from = this.position(doc, finding.line, finding.column);
      const end = finding.endLine !== undefined ? this.position(doc, finding.endLine, finding.endColumn ?? 1) : doc.lineAt(from).to;
      return {
        from,
        to: Math.max(end, from),
        severity: finding.severity,
        source: finding.ruleId,
        message: finding.message,
        ...(finding.fixable ? { actions: [{ name: this.say('edit.fix'), apply: () => void this.fix(index) }] } : {}),
      };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));

    const errors = findings.filter((finding) => finding.severity === 'error').length;
    this.el('.hb-findings-count').textContent = findings.length ? this.say('edit.findingsCount', { errors, warnings: findings.length - errors }) : this.say('edit.findingsNone');
    const list = this.el('.hb-editor-findings .hb-findings');
    list.replaceChildren(
      ...findings.map((finding, index) => {
        const item = document.createElement('li');
        item.className = `hb-finding-${finding.severity}`;
        item.dataset.rule = finding.ruleId;
        item.dataset.line = String(finding.line);
        const badge = Object.assign(document.createElement('span'), { className: 'hb-badge', textContent: this.say(`severity.${finding.severity}`) });
        const at = Object.assign(document.createElement('button'), { type: 'button', className: 'hb-finding-at', textContent: this.say('edit.at', { line: finding.line, column: finding.column }) });
        at.addEventListener('click', () => this.reveal(diagnostics[index]!.from));
        // The message's `identifiers` shown as code, as the pull-request comment shows them.
        const message = Object.assign(document.createElement('span'), { className: 'hb-finding-message' });
        message.append(' ', ...finding.message.split(/(`[^`\n]+`)/).map((piece, i) => (i % 2 === 1 ? Object.assign(document.createElement('code'), { textContent: piece.slice(1, -1) }) : piece)), ' ');
        item.append(badge, ' ', at, message);
        if (finding.rule) {
          const link = Object.assign(document.createElement('a'), { href: finding.rule, target: '_blank', rel: 'noopener' });
          link.append(Object.assign(document.createElement('code'), { textContent: finding.ruleId }));
          item.append(link);
        } else item.append(Object.assign(document.createElement('code'), { textContent: finding.ruleId }));
        if (finding.fixable) {
          const fix = Object.assign(document.createElement('button'), { type: 'button', className: 'hb-button hb-fix', textContent: this.say('edit.fix') });
          fix.addEventListener('click', () => void this.fix(index));
          item.append(' ', fix);
        }
        return item;
      }),
    );
  }

  private reveal(pos: number) {
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
    this.view.focus();
  }

  private showPreview(preview: Preview | undefined) {
    const note = this.el('.hb-preview-note');
    const hadOne = this.el('.hb-preview-table').childElementCount > 0;
    if (!preview) {
      note.textContent = hadOne ? this.say('edit.previewStale') : note.textContent;
      note.hidden = false;
      return;
    }
    note.hidden = true;
    this.el('.hb-preview-table').replaceChildren(toDom(preview.table) as Node);
    this.el('.hb-critical-path').textContent = preview.criticalPath !== undefined ? this.say('edit.criticalPath', { total: preview.criticalPath, hours: WORKDAY_HOURS }) : this.say('edit.criticalPathNone');
    if (diagramKey(preview) !== (this.pendingDiagram ? diagramKey(this.pendingDiagram) : this.shownDiagram)) {
      this.pendingDiagram = preview;
      clearTimeout(this.diagramTimer);
      this.diagramTimer = setTimeout(() => this.drawPendingDiagram(), this.shownDiagram ? FLOWCHART_DELAY_MS : 0);
    }
  }

  private drawPendingDiagram() {
    if (!this.diagramVisible || !this.pendingDiagram) return;
    const preview = this.pendingDiagram;
    this.pendingDiagram = undefined;
    this.shownDiagram = diagramKey(preview);
    this.drawFlowchart(preview);
  }

  /**
   * The flowchart in the site's own component (Flowchart), whose figure comes from the page's
   * template: the SVG tree the worker drew with the process page's code (site/lib/diagram-source.ts),
   * made into DOM as the table is, and its Mermaid text.
   */
  private drawFlowchart(preview: Preview) {
    const holder = this.el('.hb-preview-flowchart');
    let figure = holder.querySelector('figure');
    if (!figure) {
      const template = this.el<HTMLTemplateElement>('.hb-flowchart-template');
      holder.append(document.importNode(template.content, true));
      figure = holder.querySelector('figure')!;
    }
    const source = figure.querySelector('.hb-mermaid-source code') ?? figure.querySelector('.hb-mermaid-source')!;
    source.textContent = preview.diagram.mermaid;
    figure.querySelector('.hb-mermaid-source')?.setAttribute('aria-label', preview.title);
    figure.querySelector('.hb-diagram')?.replaceChildren(toDom(preview.diagram.svg) as Node);
  }

  private showSummary(summary: Summary | undefined) {
    if (!summary) return;
    const holder = this.el('.hb-summary');
    if (summary.sections.length === 0) {
      holder.replaceChildren(Object.assign(document.createElement('p'), { textContent: this.say('edit.summaryNone') }));
      return;
    }
    const inline = (parts: Inline[]) =>
      parts.map((part) => {
        if (typeof part === 'string') return document.createTextNode(part);
        if ('code' in part) return Object.assign(document.createElement('code'), { textContent: part.code });
        if ('del' in part) return Object.assign(document.createElement('del'), { textContent: part.del });
        return Object.assign(document.createElement('ins'), { textContent: part.ins });
      });
    const list = (lines: Summary['sections'][number]['lines']): HTMLUListElement => {
      const ul = document.createElement('ul');
      for (const line of lines) {
        const li = document.createElement('li');
        li.append(...inline(line.parts));
        if (line.details?.length) li.append(list(line.details));
        ul.append(li);
      }
      return ul;
    };
    holder.replaceChildren(
      ...summary.sections.flatMap((section) => {
        const title = document.createElement('p');
        title.append(Object.assign(document.createElement('strong'), { textContent: section.title }));
        return [title, list(section.lines)];
      }),
    );
  }

  /** Replaces the editor's text by `next` as one change (the cursor and undo history stay meaningful). */
  private replaceText(next: string) {
    const current = this.text();
    if (next === current) return;
    let start = 0;
    while (start < current.length && start < next.length && current[start] === next[start]) start++;
    let end = 0;
    while (end < current.length - start && end < next.length - start && current[current.length - 1 - end] === next[next.length - 1 - end]) end++;
    this.view.dispatch({ changes: { from: start, to: current.length - end, insert: next.slice(start, next.length - end) } });
  }

  private async fix(index: number) {
    const seq = ++this.seq;
    const response = await this.ask({ type: 'fix', seq, file: this.file, text: this.text(), index });
    if (response.type === 'fixed') this.replaceText(response.text);
  }

  private async act(action: string) {
    if (action === 'submit') this.openSubmit();
    if (action === 'copy') void this.copy(this.text());
    if (action === 'download') this.download(this.text());
    if (action === 'discard' && confirm(this.say('edit.discardConfirm'))) {
      clearDraft(this.draftKey());
      this.replaceText(this.published ?? (await this.skeleton(this.handbook.today ?? todayLocal())));
      clearDraft(this.draftKey());
      this.el('.hb-editor-result').hidden = true;
    }
  }

  private async copy(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      this.status(this.say('edit.copied'));
      return true;
    } catch {
      this.status(this.say('edit.copyFailed'));
      return false;
    }
  }

  private download(text: string) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    link.download = this.file.slice(this.file.lastIndexOf('/') + 1);
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  private openSubmit() {
    const dialog = this.el<HTMLDialogElement>('.hb-submit-dialog');
    const form = dialog.querySelector('form')!;
    const version = /^version:\s*["']?([^"'\s#]+)/m.exec(this.text())?.[1] ?? '';
    const bumps: Bump[] = this.existing ? ['patch', 'minor', 'major'] : ['none'];
    const next = (bump: Bump) => bumped(version, bump) ?? version;
    this.el('.hb-bumps').replaceChildren(
      ...bumps.map((bump) => {
        const label = document.createElement('label');
        const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'bump', value: bump, checked: bump === (this.existing ? 'minor' : 'none') });
        label.append(radio, ` ${this.say(`edit.dialog.${bump}`, { version: next(bump) })}`);
        return label;
      }),
    );
    const author = form.elements.namedItem('author') as HTMLInputElement;
    author.value ||= localStorage.getItem('handbook-editor:author') ?? '';
    dialog.onclose = () => {
      if (dialog.returnValue !== 'confirm') return;
      const data = new FormData(form);
      localStorage.setItem('handbook-editor:author', String(data.get('author')));
      void this.submit(data.get('bump') as Bump, String(data.get('author')).trim(), String(data.get('change')).trim());
    };
    dialog.returnValue = '';
    dialog.showModal();
  }

  private async submit(bump: Bump, author: string, change: string) {
    const seq = ++this.seq;
    const response = await this.ask({ type: 'submit', seq, file: this.file, text: this.text(), bump, author, change });
    if (response.type !== 'submitted') return;
    this.replaceText(response.text);
    const errors = response.findings.filter((finding) => finding.severity === 'error').length;
    const result = this.el<HTMLElement>('.hb-editor-result');
    result.hidden = false;
    this.el('#hb-result-title').textContent = this.say('edit.result.title', { version: response.version ?? '' });
    this.el('.hb-result-lint').textContent = errors ? this.say('edit.result.errors', { count: errors }) : this.say('edit.result.clean');
    const { repository } = this.handbook;
    this.el('.hb-result-steps').textContent = this.say(!repository ? 'edit.noRepository' : this.existing ? 'edit.result.stepsEdit' : 'edit.result.stepsNew');
    const open = this.el<HTMLAnchorElement>('.hb-result-open');
    // No repository configured: no GitHub link, copy and download only (the steps above say how to set one).
    open.parentElement!.hidden = !repository;
    if (!repository) {
      result.scrollIntoView({ block: 'nearest' });
      return;
    }
    const link = githubLink(repository, this.file, response.text, this.existing);
    open.href = link.href;
    open.textContent = this.say(this.existing ? 'edit.result.openEdit' : 'edit.result.openNew');
    open.onclick = () => void (link.needsPaste ? this.copy(response.text) : undefined);
    result.scrollIntoView({ block: 'nearest' });
  }
}

const diagramKey = (preview: Preview) => JSON.stringify(preview.diagram);

customElements.define('hb-editor', HandbookEditor);
