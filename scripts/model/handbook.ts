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

/** The whole handbook of valid specs, and the indexes the site's pages read. */
export interface Handbook {
  entries: HandbookEntry[];
  byId: Map<string, HandbookEntry[]>;
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
  let indexes: { duties: Map<string, RoleDuty[]>; forms: Map<string, FormEntry> } | undefined;
  const index = () => (indexes ??= indexSteps(entries));
  return {
    entries,
    byId,
    get duties() {
      return index().duties;
    },
    get forms() {
      return index().forms;
    },
    ...(org ? { org } : {}),
  };
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
