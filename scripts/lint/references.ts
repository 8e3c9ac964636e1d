import { basename, dirname, join, normalize } from 'pathe';
import { closest } from '../core/friendly-issues.ts';
import { firstFew, type MessageData, type MessageValue } from '../core/render.ts';
import { formName } from '../model/handbook.ts';

/**
 * What one spec says it needs of the others, as data: checked in the handbook phase against
 * every spec's outline, so the answer never depends on the order specs were read in.
 */
export type Reference =
  /** Some spec has this process id (scope.upstream, scope.downstream). */
  | { kind: 'process'; id: string }
  /** No spec but the one stating it has this id. */
  | { kind: 'unique-id'; id: string }
  /** A spec at `path` (handbook-relative, normalised), or else one with the id `id` (its file name). */
  | { kind: 'spec'; path: string; id: string }
  /** That spec has step `step`; not checked when the spec itself is missing (its own reference reports that). */
  | { kind: 'step'; path: string; id: string; step: string }
  /** Some step of the handbook uses or produces this form. */
  | { kind: 'form'; name: string }
  /**
   * Text written where a process id belongs (`scope.upstream`): never holds, but when some process
   * has it as its name, the finding says which id that is instead of only what an id looks like.
   */
  | { kind: 'process-name'; name: string };

/**
 * What a spec defines for the others to refer to. Lists are kept as one string each, a name a
 * line: a handbook of ten thousand specs keeps every outline until the end of the run.
 */
export interface Outline {
  id?: string;
  /** The process's names (`title`, `titleEn`), one per line: an owner may write a process by its name where its id belongs. */
  titles?: string;
  /** Step ids, one per line. */
  steps: string;
  /** The forms its steps use and produce, each once, one per line. */
  forms: string;
  /** The documents its lifecycle stages list as outputs, each once, one per line (absent when none): they too use a registered form. */
  documents?: string;
}

/**
 * The outline of a spec's front matter, read from the parsed YAML even when it does not match the
 * schema: a spec with a misspelt key still defines its id, steps and forms, so the specs that refer to
 * it are not told to delete their links. Reads untrusted data, so nothing is assumed of its shape.
 */
export function outlineOf(data: unknown): Outline {
  const record = (value: unknown): Record<string, unknown> | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const front = record(data);
  const id = front && Object.hasOwn(front, 'id') && typeof front.id === 'string' ? front.id : undefined;
  const titles = ['title', 'titleEn'].flatMap((key) => (front && Object.hasOwn(front, key) && typeof front[key] === 'string' && !front[key].includes('\n') ? [front[key]] : []));
  const steps: string[] = [];
  const forms = new Set<string>();
  for (const raw of Array.isArray(front?.steps) ? front.steps : []) {
    const step = record(raw);
    if (!step) continue;
    if (Object.hasOwn(step, 'id') && typeof step.id === 'string' && !step.id.includes('\n')) steps.push(step.id);
    for (const key of ['inputs', 'outputs']) if (Object.hasOwn(step, key)) for (const text of strings(step[key])) if (!text.includes('\n')) forms.add(formName(text));
  }
  const documents = new Set<string>();
  const lifecycle = front && Object.hasOwn(front, 'lifecycle') ? record(front.lifecycle) : undefined;
  for (const stage of Object.values(lifecycle ?? {})) {
    const outputs = record(stage)?.outputs;
    for (const text of strings(outputs)) if (!text.includes('\n')) documents.add(formName(text));
  }
  return { ...(id !== undefined ? { id } : {}), ...(titles.length ? { titles: titles.join('\n') } : {}), steps: steps.join('\n'), forms: [...forms].join('\n'), ...(documents.size ? { documents: [...documents].join('\n') } : {}) };
}

/** A process name as an owner may write it: 「客户投诉处理」 names 「客户投诉处理流程」, and case and spaces do not count. */
function nameKey(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase().replace(/(流程|process)$/, '');
}

/** A spec's path as the handbook indexes it: `/`-separated and normalised. */
export function specPath(file: string): string {
  // Most paths are normal already (the handbook's own are): normalising 10,000 took 15-40 ms a pass.
  return NOT_NORMAL.test(file) ? normalize(file.replace(/\\/g, '/')) : file;
}

/** What `normalize` would change: backslashes, empty, `.` and `..` segments, a trailing slash, a drive letter, an empty path. */
const NOT_NORMAL = /\\|\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$|^\/?[a-zA-Z]:|^$/;

/** Where a Markdown link in `file` points: relative to the file, or to the handbook's root when it starts with `/`. */
export function linkTarget(file: string, link: string): string {
  return link.startsWith('/') ? specPath(link.slice(1)) : specPath(join(dirname(specPath(file)), link));
}

/** A spec's id as its file name gives it (the id must equal it). */
export function idFromPath(path: string): string {
  return basename(path).replace(/\.md$/i, '');
}

export type Resolution =
  | { holds: true }
  | { holds: false; data: MessageData; messageId?: string }
  /** It depends on a spec that could not be read, so it cannot be checked. */
  | { unchecked: string[] };

interface Entry {
  file: string;
  id?: string;
  /** Step ids, one per line (one string per spec keeps a large handbook small). */
  steps?: string;
  readable: boolean;
}

/** Every spec's outline, indexed for the handbook phase. */
export class HandbookIndex {
  private ids = new Map<string, string[]>();
  /** Each process's names (`Outline.titles`), by id; indexed by name only when some spec writes a name for an id. */
  private names: Array<{ id: string; titles: string }> = [];
  private byName?: Map<string, { id: string; title: string }>;
  private files = new Map<string, Entry>();
  private forms = new Set<string>();
  private unreadable: string[] = [];
  private suggestions = new Map<string, string | null>();

  /** Adds a spec's outline, or marks it unreadable when it has none. */
  add(file: string, outline: Outline | undefined): void {
    const path = specPath(file);
    if (!outline) {
      this.files.set(path, { file, readable: false });
      this.unreadable.push(file);
      return;
    }
    this.files.set(path, { file, readable: true, steps: outline.steps, ...(outline.id !== undefined ? { id: outline.id } : {}) });
    if (outline.id !== undefined) {
      const same = this.ids.get(outline.id);
      if (same) same.push(file);
      else this.ids.set(outline.id, [file]);
      if (outline.titles) this.names.push({ id: outline.id, titles: outline.titles });
    }
    if (outline.forms) for (const form of outline.forms.split('\n')) this.forms.add(form);
  }

  /** Whether `reference`, stated by `file`, holds; when not, the data its report gains. */
  resolve(reference: Reference, file: string): Resolution {
    switch (reference.kind) {
      case 'process': {
        if (this.ids.has(reference.id)) return { holds: true };
        const blocked = this.unreadableAt(`${reference.id}.md`);
        return blocked ? { unchecked: [blocked] } : { holds: false, data: { suggestion: this.suggest('id', reference.id, () => this.ids.keys()) } };
      }
      case 'unique-id': {
        const others = (this.ids.get(reference.id) ?? []).filter((other) => other !== file);
        return others.length === 0 ? { holds: true } : { holds: false, data: { others: firstFew(others) } };
      }
      case 'spec': {
        const entry = this.specEntry(reference);
        if (entry?.readable) return { holds: true };
        if (entry) return { unchecked: [entry.file] };
        return { holds: false, data: { suggestion: this.suggest('id', reference.id, () => this.ids.keys()) } };
      }
      case 'step': {
        const entry = this.specEntry(reference);
        if (!entry?.readable) return { holds: true };
        const steps = entry.steps ? entry.steps.split('\n') : [];
        if (steps.includes(reference.step)) return { holds: true };
        return { holds: false, data: { process: entry.id ?? idFromPath(entry.file), suggestion: this.suggest(`step:${entry.file}`, reference.step, () => steps) } };
      }
      case 'process-name': {
        const named = this.processNamed(reference.name);
        return named ? { holds: false, messageId: 'schema.processNameNotId', data: { id: named.id, title: named.title } } : { holds: false, data: {} };
      }
      case 'form': {
        if (this.forms.has(reference.name)) return { holds: true };
        if (this.unreadable.length > 0) return { unchecked: [...this.unreadable] };
        return { holds: false, data: { suggestion: this.suggest('form', reference.name, () => this.forms) } };
      }
    }
  }

  /** The process with this name (its first in reading order when two share it). */
  private processNamed(name: string): { id: string; title: string } | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const { id, titles } of this.names) for (const title of titles.split('\n')) if (!this.byName.has(nameKey(title))) this.byName.set(nameKey(title), { id, title });
    }
    return this.byName.get(nameKey(name));
  }

  /** The spec a link names: by its path, else by the id its file name gives. */
  private specEntry(reference: { path: string; id: string }): Entry | undefined {
    const byPath = this.files.get(reference.path);
    if (byPath) return byPath;
    const byId = this.ids.get(reference.id)?.[0];
    return byId !== undefined ? this.files.get(specPath(byId)) : this.unreadableEntry(`${reference.id}.md`);
  }

  private unreadableEntry(name: string): Entry | undefined {
    const file = this.unreadableAt(name);
    return file === undefined ? undefined : this.files.get(specPath(file));
  }

  private unreadableAt(name: string): string | undefined {
    return this.unreadable.find((file) => basename(file) === name);
  }

  /** The known name nearest in spelling (computed once per name and kind: a large handbook repeats its mistakes). */
  private suggest(kind: string, word: string, known: () => Iterable<string>): MessageValue {
    const key = `${kind}\u0000${word}`;
    if (this.suggestions.has(key)) return { suggestion: this.suggestions.get(key)! };
    // An edit distance is at least the difference in length, so names too long or short to be near are skipped.
    const reach = Math.max(2, Math.floor(word.length / 3));
    const candidates: string[] = [];
    for (const name of known()) if (Math.abs(name.length - word.length) <= reach) candidates.push(name);
    // Sorted, so that of two names equally near the same one is offered whatever order the specs were read in.
    const near = closest(word, candidates.sort()) ?? null;
    this.suggestions.set(key, near);
    return { suggestion: near };
  }
}
