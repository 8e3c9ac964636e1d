import path from 'node:path';
import type { Process } from '../../schemas/process.ts';
import { decodeOutline, encodeOutline, FormTable, specPath, type Handbook, type HandbookEntry } from '../model/handbook.ts';
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

/** One index per list of files: the main thread and a lane running in it share it. */
const indexes = new WeakMap<string[], FileIndex>();

export function fileIndex(files: string[]): FileIndex {
  const known = indexes.get(files);
  if (known) return known;
  const index = indexFiles(files);
  indexes.set(files, index);
  return index;
}

function indexFiles(files: string[]): FileIndex {
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
  /** Outlines with forms by number in `forms`. */
  private json = new Map<string, string>();
  private parsed = new Map<string, { spec: Process; model?: ProcessModel }>();
  /** Every form the outlines name. */
  private forms = new FormTable();

  add(file: string, spec: Process) {
    this.json.set(file, encodeOutline(spec, this.forms));
  }

  facts(targets: readonly string[]): LaneFacts {
    const steps: Array<[string, string[]]> = [];
    for (const file of targets) {
      const json = this.json.get(file);
      if (json !== undefined) steps.push([file, decodeOutline(json, this.forms).steps.map((step) => step.id)]);
    }
    return { forms: this.forms.names, steps };
  }

  /** Every outline, as `encodeOutline` writes it for other threads. */
  entries(): Array<[string, string]> {
    return [...this.json].map(([file, json]) => [file, encodeOutline(decodeOutline(json, this.forms))]);
  }

  get(file: string): { spec: Process; model?: ProcessModel } | undefined {
    let hit = this.parsed.get(file);
    if (hit) return hit;
    const json = this.json.get(file);
    if (json === undefined) return undefined;
    if (this.parsed.size > 256) this.parsed.clear();
    hit = { spec: decodeOutline(json, this.forms) };
    this.parsed.set(file, hit);
    return hit;
  }
}

/** A spec of the stand-in handbook: its outline once read, guesses before. */
class GuessedEntry implements HandbookEntry {
  readonly file: string;
  private outlineOf: (file: string) => { spec: Process; model?: ProcessModel } | undefined;
  private guessed: (file: string) => ProcessModel;
  private pending: () => never;

  constructor(file: string, outlineOf: GuessedEntry['outlineOf'], guessed: GuessedEntry['guessed'], pending: () => never) {
    this.file = file;
    this.outlineOf = outlineOf;
    this.guessed = guessed;
    this.pending = pending;
  }

  get spec(): Process {
    return (this.outlineOf(this.file) ?? this.pending()).spec;
  }

  get model(): ProcessModel {
    const outline = this.outlineOf(this.file);
    if (!outline) return this.guessed(this.file);
    return (outline.model ??= buildModel(outline.spec));
  }
}

export interface Speculator {
  /** One handbook for the whole shard, so rules' per-handbook indexes are built once. */
  handbook: Handbook;
  /** Starts recording one rule run's questions. */
  begin(questions: Set<string>, onPending: () => void): void;
}

/**
 * A stand-in handbook; questions are recorded into whatever `begin` last set. Names, files and
 * ids are guessed from the spec files' names; a form, or a step of a spec not read yet, is
 * guessed to exist (links mostly point at what is there). Anything else not known stops the rule.
 */
export function speculator(index: FileIndex, known: KnownOutlines): Speculator {
  let questions = new Set<string>();
  let onPending = () => {};
  const pending = (): never => {
    onPending();
    throw PENDING;
  };
  /** Answers `byId.has(step)` for a spec not read yet: yes, recorded; everything else waits. */
  const guessedModel = (file: string): ProcessModel => {
    const byId = new Proxy({} as Map<string, unknown>, {
      get(_, property) {
        if (property !== 'has') return pending();
        return (step: string) => {
          questions.add(`step:${file}#${step}`);
          return true;
        };
      },
    });
    return new Proxy({} as ProcessModel, { get: (_, property) => (property === 'byId' ? byId : pending()) });
  };
  const outlineOf = (file: string) => known.get(file);
  // Made when asked for and not kept: a rule looks up a few specs, never the whole handbook.
  const entryFor = (file: string): HandbookEntry => new GuessedEntry(file, outlineOf, guessedModel, pending);
  let all: HandbookEntry[] | undefined;
  const runFiles = new Set(index.files.map(specPath));
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
  const byFile = new Proxy({} as Map<string, HandbookEntry>, {
    get(_, property) {
      if (property !== 'get') return pending();
      return (file: string) => {
        questions.add(`file:${file}`);
        return runFiles.has(file) ? entryFor(file) : undefined;
      };
    },
  });
  const forms = new Proxy({} as Map<string, never>, {
    get(_, property) {
      if (property !== 'has') return pending();
      return (name: string) => {
        questions.add(`form:${name}`);
        return true;
      };
    },
  });
  const handbook: Handbook = {
    get entries() {
      questions.add('entries');
      return (all ??= index.files.map(entryFor));
    },
    byId,
    byFile,
    get duties(): never {
      return pending();
    },
    forms,
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
  /** Every spec of the run is valid (so `entries` lists them all, in run order). */
  allValid: boolean;
  names: FileIndex;
  /**
   * Names for which ids and file names may answer differently: the file name of an invalid
   * spec or of one whose id is not its file name, and that id. Usually none, and then every
   * question by name is confirmed without an index of ids.
   */
  suspects: Set<string>;
  /** The files whose spec has this id, in run order. */
  filesWithId(id: string): string[];
  /** The distinct ids in run order, one per line. */
  readonly keys: string;
  /** Valid specs, and every spec file of the run, by `specPath` (made on first use). */
  readonly valid: Set<string>;
  readonly files: Set<string>;
  /** Every form the handbook's steps name, and the step ids of the specs asked about (when any question needs them). */
  facts?: { forms: Set<string>; steps: Map<string, Set<string>> };
}

export function finalIndex(index: FileIndex, idOf: (file: string) => string | undefined): FinalIndex {
  const suspects = new Set<string>();
  let allValid = true;
  for (const file of index.files) {
    const id = idOf(file);
    const name = path.posix.basename(file, '.md');
    if (id === undefined) allValid = false;
    if (id !== name) {
      suspects.add(name);
      if (id !== undefined) suspects.add(id);
    }
  }
  const withId = new Map<string, string[]>();
  let keys: string | undefined;
  let valid: Set<string> | undefined;
  let files: Set<string> | undefined;
  return {
    allValid,
    names: index,
    suspects,
    filesWithId(id) {
      let list = withId.get(id);
      if (!list) withId.set(id, (list = index.files.filter((file) => idOf(file) === id)));
      return list;
    },
    get keys() {
      return (keys ??= [...new Set(index.files.map(idOf).filter((id) => id !== undefined))].join('\n'));
    },
    get valid() {
      return (valid ??= new Set(index.files.filter((file) => idOf(file) !== undefined).map(specPath)));
    },
    get files() {
      return (files ??= new Set(index.files.map(specPath)));
    },
  };
}

/** The kind of a recorded question and what it names. */
function parseQuestion(question: string): { kind: string; name: string } {
  const colon = question.indexOf(':');
  return colon === -1 ? { kind: question, name: '' } : { kind: question.slice(0, colon), name: question.slice(colon + 1) };
}

/** Whether confirming these questions needs the forms and steps of the handbook (`FinalIndex.facts`). */
export function needsFacts(questions: readonly string[]): boolean {
  return questions.some((question) => question.startsWith('form:') || question.startsWith('step:'));
}

/** The specs whose step ids these questions ask about. */
export function stepTargets(questions: readonly string[]): string[] {
  return questions.filter((question) => question.startsWith('step:')).map((question) => splitStep(parseQuestion(question).name).file);
}

/** `file#step`: a step id has no `#`, so the last one separates them. */
function splitStep(name: string): { file: string; step: string } {
  const hash = name.lastIndexOf('#');
  return { file: name.slice(0, hash), step: name.slice(hash + 1) };
}

/** What one lane knows for confirming guesses: its forms, and the step ids of the targets it read. */
export interface LaneFacts {
  forms: string[];
  steps: Array<[string, string[]]>;
}

export function mergeFacts(lanes: LaneFacts[]): NonNullable<FinalIndex['facts']> {
  const forms = new Set<string>();
  const steps = new Map<string, Set<string>>();
  for (const lane of lanes) {
    lane.forms.forEach((name) => forms.add(name));
    for (const [file, ids] of lane.steps) steps.set(file, new Set(ids));
  }
  return { forms, steps };
}

/** The forms and the step ids of `targets`, from the outlines of every spec of the run. */
export function factsOf(outlines: Iterable<{ file: string; spec: string }>, targets: ReadonlySet<string>): NonNullable<FinalIndex['facts']> {
  const forms = new Set<string>();
  const steps = new Map<string, Set<string>>();
  for (const { file, spec } of outlines) {
    const outline = decodeOutline(spec);
    for (const step of outline.steps) {
      step.inputs?.forEach((name) => forms.add(name));
      step.outputs?.forEach((name) => forms.add(name));
    }
    if (targets.has(file)) steps.set(file, new Set(outline.steps.map((step) => step.id)));
  }
  return { forms, steps };
}

/** Would the real handbook have answered every question the same? */
export function confirmed(questions: readonly string[], final: FinalIndex): boolean {
  for (const question of questions) {
    const { kind, name } = parseQuestion(question);
    if (kind === 'entries') {
      if (!final.allValid) return false;
    } else if (kind === 'keys') {
      if (final.suspects.size > 0 && final.keys !== final.names.names.join('\n')) return false;
    } else if (kind === 'has') {
      if (final.suspects.has(name) && final.filesWithId(name).length > 0 !== final.names.byName.has(name)) return false;
    } else if (kind === 'get') {
      if (final.suspects.has(name) && final.filesWithId(name).join('\n') !== (final.names.byName.get(name) ?? []).join('\n')) return false;
    } else if (kind === 'file') {
      // Guessed: there is a spec at every file of the run, none elsewhere.
      if (final.valid.has(name) !== final.files.has(name)) return false;
    } else if (kind === 'form') {
      if (!final.facts?.forms.has(name)) return false;
    } else if (kind === 'step') {
      const { file, step } = splitStep(name);
      if (!final.facts?.steps.get(file)?.has(step)) return false;
    } else return false;
  }
  return true;
}
