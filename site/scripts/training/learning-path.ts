/**
 * A role's learning path in the browser: marks each process learned (this version passed), to
 * re-learn (an earlier version passed; shows what changed since that version, worded at build
 * time by the pull-request diff), or not yet learned; and makes the training record 《流程培训记录》
 * from the same progress: printed on A4, or downloaded as CSV or JSON.
 */
import { fill, latestPass, passOf, readProgress, today, writeProgress, type Pass } from './progress.ts';

type Status = 'learned' | 'relearn' | 'new';

interface Row {
  process: string;
  title: string;
  version: string;
  status: Status;
  pass?: Pass;
}

export function startLearningPath(root: ParentNode = document): void {
  const path = root.querySelector<HTMLElement>('[data-learning-path]');
  if (!path) return;
  const strings = JSON.parse(path.dataset.strings ?? '{}') as Record<string, string>;
  const progress = readProgress();
  const rows: Row[] = [];

  for (const stop of path.querySelectorAll<HTMLElement>('[data-stop]')) {
    const process = stop.dataset.process!;
    const version = stop.dataset.version!;
    const current = passOf(progress, process, version);
    const earlier = current ? undefined : latestPass(progress, process);
    const status: Status = current ? 'learned' : earlier ? 'relearn' : 'new';
    const pass = current ?? earlier;
    rows.push({ process, title: stop.dataset.title!, version, status, ...(pass ? { pass } : {}) });
    stop.dataset.status = status;
    const label = stop.querySelector<HTMLElement>('[data-progress]')!;
    label.textContent =
      status === 'learned' ? fill(strings.learned!, { version, score: current!.score, date: current!.date })
      : status === 'relearn' ? fill(strings.relearn!, { learned: earlier!.version, version })
      : strings.new!;
    label.className = `hb-progress hb-progress-${status}`;
    if (status === 'relearn') showChanges(stop, earlier!.version);
  }

  const done = rows.filter((row) => row.status === 'learned').length;
  const summary = path.querySelector<HTMLElement>('[data-path-summary]');
  if (summary) summary.textContent = fill(strings.summary!, { done, total: rows.length });

  setUpRecord(path, rows, strings, progress.name);
}

/** The change summary from the version the reader learned; else the revision notes since then. */
function showChanges(stop: HTMLElement, learned: string): void {
  const box = stop.querySelector<HTMLElement>('[data-relearn]');
  if (!box) return;
  box.hidden = false;
  const summary = [...box.querySelectorAll<HTMLElement>('[data-changes-from]')].find((element) => element.dataset.changesFrom === learned);
  if (summary) summary.hidden = false;
  const notes = [...box.querySelectorAll<HTMLElement>('[data-after]')].filter((note) => note.dataset.after!.split(' ').includes(learned));
  for (const note of notes) note.hidden = false;
  const list = box.querySelector<HTMLElement>('[data-history]');
  if (list) list.hidden = notes.length === 0;
  if (!summary && notes.length === 0) box.querySelector<HTMLElement>('[data-unknown]')!.hidden = false;
}

interface TrainingRecord {
  record: string;
  name: string;
  role: { id: string; name: string };
  date: string;
  note: string;
  processes: Array<{ id: string; title: string; version: string; status: string; learnedVersion: string | null; score: number | null; passed: string | null }>;
}

function setUpRecord(path: HTMLElement, rows: Row[], strings: Record<string, string>, savedName: string | undefined): void {
  const form = path.querySelector<HTMLFormElement>('form[data-record]');
  if (!form) return;
  const input = form.querySelector<HTMLInputElement>('input[name=name]')!;
  const message = form.querySelector<HTMLElement>('[data-record-message]')!;
  if (savedName) input.value = savedName;
  const record = (): TrainingRecord | undefined => {
    const name = input.value.trim();
    if (!name) {
      message.textContent = strings.nameMissing!;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return undefined;
    }
    input.removeAttribute('aria-invalid');
    message.textContent = '';
    const progress = readProgress();
    progress.name = name;
    writeProgress(progress);
    return {
      record: strings.recordTitle!,
      name,
      role: { id: path.dataset.role!, name: path.dataset.roleName! },
      date: today(),
      note: strings.identity!,
      processes: rows.map((row) => ({
        id: row.process,
        title: row.title,
        version: row.version,
        status: strings[`status.${row.status}`]!,
        learnedVersion: row.pass?.version ?? null,
        score: row.pass?.score ?? null,
        passed: row.pass?.date ?? null,
      })),
    };
  };
  const fileName = (data: TrainingRecord, extension: string) => `${strings.recordTitle}-${data.role.id}-${data.date}.${extension}`;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = record();
    if (!data) return;
    fillSheet(path.querySelector<HTMLElement>('[data-record-sheet]')!, data, strings);
    print();
  });
  form.querySelector('[data-download=csv]')!.addEventListener('click', () => {
    const data = record();
    if (data) download(fileName(data, 'csv'), toCsv(data, strings), 'text/csv;charset=utf-8');
  });
  form.querySelector('[data-download=json]')!.addEventListener('click', () => {
    const data = record();
    if (data) download(fileName(data, 'json'), JSON.stringify(data, null, 2), 'application/json');
  });
}

/** The printable record: built with DOM calls (names and titles stay text), shown only in print. */
function fillSheet(sheet: HTMLElement, data: TrainingRecord, strings: Record<string, string>): void {
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const heading = element('h2', data.record);
  const facts = element('dl');
  for (const [term, value] of [[strings.name!, data.name], [strings.role!, data.role.name], [strings.date!, data.date]] as const) facts.append(element('dt', term), element('dd', value));
  const table = element('table');
  const head = element('tr');
  for (const column of columns(strings)) head.append(element('th', column));
  table.append(element('thead'), element('tbody'));
  table.tHead!.append(head);
  for (const row of csvRows(data)) {
    const tr = element('tr');
    for (const cell of row) tr.append(element('td', cell));
    table.tBodies[0]!.append(tr);
  }
  sheet.replaceChildren(heading, facts, table, element('p', data.note), element('p', strings.signature));
}

const columns = (strings: Record<string, string>) => [strings.colProcess!, strings.colVersion!, strings.colLearned!, strings.colScore!, strings.colPassed!, strings.colStatus!];

function csvRows(data: TrainingRecord): string[][] {
  return data.processes.map((p) => [`${p.title} (${p.id})`, p.version, p.learnedVersion ?? '', p.score === null ? '' : `${p.score}%`, p.passed ?? '', p.status]);
}

/**
 * RFC 4180 CSV with a BOM (Excel reads it as UTF-8) and CRLF. Written here rather than with
 * csv-stringify, which the build uses: its browser bundle alone is 18 KB gzipped, over this page's
 * budget. A cell that starts like a formula gets a leading apostrophe, as csv-stringify's
 * `escape_formulas` does, so a name such as `=HYPERLINK(…)` stays text in a spreadsheet.
 */
function toCsv(data: TrainingRecord, strings: Record<string, string>): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [
    [data.record],
    [strings.name!, data.name],
    [strings.role!, `${data.role.name} (${data.role.id})`],
    [strings.date!, data.date],
    [data.note],
    [],
    columns(strings),
    ...csvRows(data),
  ];
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

function download(name: string, text: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
