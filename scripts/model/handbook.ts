import { posix } from 'node:path';
import type { Process } from '../../schemas/process.ts';
import type { OrgIndex } from './org-index.ts';
import { buildModel, type ProcessModel, type StepNode } from './process-model.ts';
import { accountableOf } from './raci.ts';

/** One process of the handbook, with where it came from. */
export interface HandbookEntry {
  file: string;
  spec: Process;
  model: ProcessModel;
}

export type RaciLetter = 'R' | 'A' | 'C' | 'I';

export interface RoleDuty {
  process: HandbookEntry;
  node: StepNode;
  letters: RaciLetter[];
}

export interface FormUse {
  process: HandbookEntry;
  node: StepNode;
}

export interface FormEntry {
  /** The form's name without 《》, e.g. 客户投诉登记表. */
  name: string;
  producedBy: FormUse[];
  usedBy: FormUse[];
}

/** The whole handbook: processes, and the indexes the site pages and cross-process rules read. */
export interface Handbook {
  entries: HandbookEntry[];
  byId: Map<string, HandbookEntry[]>;
  /** Entries by file path, `/`-separated and normalised (`specPath`). */
  byFile: Map<string, HandbookEntry>;
  duties: Map<string, RoleDuty[]>;
  forms: Map<string, FormEntry>;
  org?: OrgIndex;
}

/** `《客户投诉登记表》` and `客户投诉登记表` name the same form. */
export function formName(text: string): string {
  const match = /《([^《》]+)》/.exec(text);
  return (match ? match[1]! : text).trim();
}

/**
 * The part of a spec that checks of *other* processes read: its id, its step ids and the
 * forms its steps use and produce (each named once, as `formName` gives it, at the first
 * step that names it). Everything else is left empty, so tens of thousands of outlines fit
 * in memory and cross threads cheaply. A handbook of outlines answers `byId`, `entries`,
 * the names in `forms` and each entry's `model.byId` as the full handbook does (a test
 * holds every rule to that); it is not for the site, which needs whole specs.
 */
export function outlineOf(spec: Process): Process {
  return decodeOutline(encodeOutline(spec));
}

/** [id, category, department, owner, version, status, steps]; a step is its id, or [id, inputs, outputs] when it names a new form. */
type EncodedOutline = [string, Process['category'], string, string, string, Process['status'], Array<string | [string, FormRef[], FormRef[]]>];

/** A form by name, or by its number in a `FormTable`. */
type FormRef = string | number;

/**
 * Form names, numbered. Outlines that refer to forms by number are plain ASCII, which V8
 * stores in half the memory of text with Chinese in it.
 */
export class FormTable {
  readonly names: string[] = [];
  private numbers = new Map<string, number>();

  number(name: string): number {
    let number = this.numbers.get(name);
    if (number === undefined) {
      // A copy: the name may be cut from a spec's text, which it would otherwise keep alive.
      const copy = JSON.parse(JSON.stringify(name)) as string;
      number = this.names.push(copy) - 1;
      this.numbers.set(copy, number);
    }
    return number;
  }
}

/**
 * The outline as compact JSON text: what the linter keeps, caches and sends between threads.
 * With a `table`, forms are written as numbers in it (for text kept in one thread only).
 */
export function encodeOutline(spec: Process, table?: FormTable): string {
  const seen = new Set<string>();
  const fresh = (texts: string[] | undefined): FormRef[] => {
    const names = (texts ?? []).map(formName).filter((name) => !seen.has(name) && seen.add(name));
    return table ? names.map((name) => table.number(name)) : names;
  };
  const steps = spec.steps.map((step): EncodedOutline[6][number] => {
    const inputs = fresh(step.inputs);
    const outputs = fresh(step.outputs);
    return inputs.length || outputs.length ? [step.id, inputs, outputs] : step.id;
  });
  const encoded: EncodedOutline = [spec.id, spec.category, spec.department, spec.owner, spec.version, spec.status, steps];
  return JSON.stringify(encoded);
}

export function decodeOutline(text: string, table?: FormTable): Process {
  const [id, category, department, owner, version, status, steps] = JSON.parse(text) as EncodedOutline;
  const names = (refs: FormRef[]) => refs.map((ref) => (typeof ref === 'number' ? table!.names[ref]! : ref));
  return {
    id,
    title: '',
    category,
    department,
    owner,
    version,
    status,
    goal: '',
    scope: { start: '', end: '' },
    steps: steps.map((step) => {
      if (typeof step === 'string') return { id: step, name: '' };
      const [stepId, inputs, outputs] = step;
      return { id: stepId, name: '', ...(inputs.length ? { inputs: names(inputs) } : {}), ...(outputs.length ? { outputs: names(outputs) } : {}) };
    }),
  };
}

/**
 * Builds the handbook. Models, duties and forms are computed on first use, so a large
 * handbook that a check only looks up by id costs little time and memory.
 */
export function buildHandbook(specs: Array<{ file: string; spec: Process }>, org?: OrgIndex): Handbook {
  const entries = specs.map(({ file, spec }) => lazyEntry(file, spec));
  const byId = new Map<string, HandbookEntry[]>();
  for (const entry of entries) {
    // Appending in place: copying the lists would make a large handbook quadratic.
    const same = byId.get(entry.spec.id);
    if (same) same.push(entry);
    else byId.set(entry.spec.id, [entry]);
  }
  const byFile = new Map(entries.map((entry) => [specPath(entry.file), entry]));
  let indexes: { duties: Map<string, RoleDuty[]>; forms: Map<string, FormEntry> } | undefined;
  const index = () => (indexes ??= indexSteps(entries));
  return {
    entries,
    byId,
    byFile,
    get duties() {
      return index().duties;
    },
    get forms() {
      return index().forms;
    },
    ...(org ? { org } : {}),
  };
}

/** A spec's path as the handbook indexes it: `/`-separated and normalised. */
export function specPath(file: string): string {
  return posix.normalize(file.replace(/\\/g, '/'));
}

function lazyEntry(file: string, spec: Process): HandbookEntry {
  let model: ProcessModel | undefined;
  return {
    file,
    spec,
    get model() {
      return (model ??= buildModel(spec));
    },
  };
}

function indexSteps(entries: HandbookEntry[]) {
  const duties = new Map<string, RoleDuty[]>();
  const forms = new Map<string, FormEntry>();
  const form = (name: string) => {
    let entry = forms.get(name);
    if (!entry) forms.set(name, (entry = { name, producedBy: [], usedBy: [] }));
    return entry;
  };
  for (const entry of entries) {
    for (const node of entry.model.steps) {
      const letters = new Map<string, RaciLetter[]>();
      const add = (role: string | undefined, letter: RaciLetter) => {
        if (!role) return;
        const list = letters.get(role) ?? [];
        if (!list.includes(letter)) list.push(letter);
        letters.set(role, list);
      };
      add(node.step.role, 'R');
      // The default A too (approver or owner), so a role page agrees with the RACI matrix.
      accountableOf(node, entry.spec).roles.forEach((role) => add(role, 'A'));
      node.step.consulted?.forEach((role) => add(role, 'C'));
      node.step.informed?.forEach((role) => add(role, 'I'));
      for (const [role, list] of letters) {
        const duty = { process: entry, node, letters: list };
        const existing = duties.get(role);
        if (existing) existing.push(duty);
        else duties.set(role, [duty]);
      }
      node.step.outputs?.forEach((output) => form(formName(output)).producedBy.push({ process: entry, node }));
      node.step.inputs?.forEach((input) => form(formName(input)).usedBy.push({ process: entry, node }));
    }
  }
  return { duties, forms };
}
