import path from 'node:path';
import type { Process } from '../../schemas/process.ts';
import { decodeOutline, type Handbook, type HandbookEntry } from '../model/handbook.ts';
import { buildModel, type ProcessModel } from '../model/process-model.ts';

/**
 * Cross-process rules in one pass. While the specs are still being read, a rule that looks
 * at the handbook is answered from what can be known already (the spec files' names, which
 * must equal the ids, and the outlines read so far) and every question is recorded. Once all
 * outlines are known, the recorded questions are asked again of the real handbook: if every
 * answer is the same, the rule's findings stand; if not, the rule runs again on the real one.
 * A question that cannot be answered yet stops the rule (it runs again later). So the answer
 * is always the real handbook's; guessing only saves reading the spec twice.
 */

/** Thrown to stop a rule that asked what cannot be known yet. */
export const PENDING = Symbol('handbook pending');

export interface FileIndex {
  /** Every spec of the run, display paths in run order. */
  files: string[];
  /** Spec files by file name without `.md`. */
  byName: Map<string, string[]>;
  /** File names in run order, each once. */
  names: string[];
}

export function fileIndex(files: string[]): FileIndex {
  const byName = new Map<string, string[]>();
  for (const file of files) {
    const name = path.posix.basename(file, '.md');
    const list = byName.get(name);
    if (list) list.push(file);
    else byName.set(name, [file]);
  }
  return { files, byName, names: [...byName.keys()] };
}

/** The outlines read so far in this shard, as JSON (compact), parsed on use. */
export class KnownOutlines {
  private json = new Map<string, string>();
  private parsed = new Map<string, { spec: Process; model?: ProcessModel }>();

  add(file: string, json: string) {
    this.json.set(file, json);
  }

  entries(): Array<[string, string]> {
    return [...this.json];
  }

  get(file: string): { spec: Process; model?: ProcessModel } | undefined {
    let hit = this.parsed.get(file);
    if (hit) return hit;
    const json = this.json.get(file);
    if (json === undefined) return undefined;
    if (this.parsed.size > 256) this.parsed.clear();
    hit = { spec: decodeOutline(json) };
    this.parsed.set(file, hit);
    return hit;
  }
}

export interface Speculator {
  /** One handbook for the whole shard, so rules' per-handbook indexes are built once. */
  handbook: Handbook;
  /** Starts recording one rule run's questions. */
  begin(questions: Set<string>, onPending: () => void): void;
}

/** A stand-in handbook; questions are recorded into whatever `begin` last set. */
export function speculator(index: FileIndex, known: KnownOutlines): Speculator {
  let questions = new Set<string>();
  let onPending = () => {};
  const pending = (): never => {
    onPending();
    throw PENDING;
  };
  const entryOf = (file: string): HandbookEntry => ({
    file,
    get spec() {
      const outline = known.get(file) ?? pending();
      return outline.spec;
    },
    get model() {
      const outline = known.get(file) ?? pending();
      return (outline.model ??= buildModel(outline.spec));
    },
  });
  // Entries are made when first asked for: most runs ask about a few names, not every spec.
  const made = new Map<string, HandbookEntry>();
  const entryFor = (file: string) => {
    let entry = made.get(file);
    if (!entry) made.set(file, (entry = entryOf(file)));
    return entry;
  };
  let all: HandbookEntry[] | undefined;
  const entriesFor = (name: string) => (index.byName.get(name) ?? []).map(entryFor);
  const keys = () => {
    questions.add('keys');
    return index.names;
  };
  const pairs = () => keys().map((name) => [name, entriesFor(name)] as [string, HandbookEntry[]])[Symbol.iterator]();
  const byId = {
    get(name: string) {
      questions.add(`get:${name}`);
      const list = entriesFor(name);
      return list.length ? list : undefined;
    },
    has(name: string) {
      questions.add(`has:${name}`);
      return index.byName.has(name);
    },
    get size() {
      return keys().length;
    },
    keys: () => keys()[Symbol.iterator](),
    values: () => keys().map(entriesFor)[Symbol.iterator](),
    entries: pairs,
    forEach(callback: (value: HandbookEntry[], key: string) => void) {
      for (const name of keys()) callback(entriesFor(name), name);
    },
    [Symbol.iterator]: pairs,
  } as unknown as Map<string, HandbookEntry[]>;
  const handbook: Handbook = {
    get entries() {
      questions.add('entries');
      return (all ??= index.files.map(entryFor));
    },
    byId,
    get duties(): never {
      return pending();
    },
    get forms(): never {
      return pending();
    },
  };
  return {
    handbook,
    begin(next, callback) {
      questions = next;
      onPending = callback;
    },
  };
}

/** What the real handbook says, to check recorded questions against. */
export interface FinalIndex {
  byId: Map<string, string[]>;
  /** Every spec of the run is valid (so `entries` lists them all, in run order). */
  allValid: boolean;
  keys: string;
  names: FileIndex;
}

export function finalIndex(index: FileIndex, idOf: (file: string) => string | undefined): FinalIndex {
  const byId = new Map<string, string[]>();
  let allValid = true;
  for (const file of index.files) {
    const id = idOf(file);
    if (id === undefined) {
      allValid = false;
      continue;
    }
    const list = byId.get(id);
    if (list) list.push(file);
    else byId.set(id, [file]);
  }
  return { byId, allValid, keys: [...byId.keys()].join('\n'), names: index };
}

/** Would the real handbook have answered every question the same? */
export function confirmed(questions: readonly string[], final: FinalIndex): boolean {
  for (const question of questions) {
    const colon = question.indexOf(':');
    const kind = colon === -1 ? question : question.slice(0, colon);
    const name = question.slice(colon + 1);
    if (kind === 'entries') {
      if (!final.allValid) return false;
    } else if (kind === 'keys') {
      if (final.keys !== final.names.names.join('\n')) return false;
    } else if (kind === 'has') {
      if (final.byId.has(name) !== final.names.byName.has(name)) return false;
    } else if (kind === 'get') {
      if ((final.byId.get(name) ?? []).join('\n') !== (final.names.byName.get(name) ?? []).join('\n')) return false;
    } else return false;
  }
  return true;
}
