/**
 * The semantic diff of one process: what a change means for the process (a step
 * added, an owner moved, a deadline doubled, a control removed), as data. Pure:
 * the git plumbing and the linting happen in `collect.ts`, the words in `render.ts`.
 */
import type { Org } from '../../schemas/org.ts';
import { STAGE_IDS, type HistoryEntry, type Process, type StageId, type Step } from '../../schemas/process.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import type { LoadedSpec } from '../core/load-spec.ts';
import { criticalPath } from '../model/graph.ts';
import { indexOrg, type OrgIndex } from '../model/org-index.ts';
import { buildModel } from '../model/process-model.ts';

export interface StepRef {
  id: string;
  name: string;
}

export interface RoleRef {
  id: string;
  /** The role's name in org.yml, when the registry knows it. */
  name?: string;
}

export interface StageState {
  status: string;
  date?: string;
}

export interface LintFinding {
  ruleId: string;
  severity: Diagnostic['severity'];
  message: string;
  line: number;
}

export type SpecChange =
  | { kind: 'spec-added'; id: string; title: string }
  | { kind: 'spec-removed'; id: string; title: string }
  | { kind: 'spec-renamed'; from: string; to: string }
  | { kind: 'spec-invalid'; side: 'before' | 'after' }
  | { kind: 'title-changed'; from: string; to: string }
  | { kind: 'owner-changed'; from: RoleRef; to: RoleRef }
  | { kind: 'status-changed'; from: string; to: string }
  | { kind: 'version-changed'; from: string; to: string }
  | { kind: 'history-added'; entry: HistoryEntry }
  | { kind: 'fields-changed'; fields: string[]; body: boolean }
  | { kind: 'step-fields-changed'; step: StepRef; fields: string[] }
  | { kind: 'step-added'; step: StepRef; position: number }
  | { kind: 'step-removed'; step: StepRef; position: number }
  | { kind: 'step-renamed'; step: StepRef; from: string }
  | { kind: 'step-moved'; step: StepRef; from: number; to: number }
  | { kind: 'role-changed'; step: StepRef; field: 'role' | 'accountable'; from: RoleRef[]; to: RoleRef[] }
  | { kind: 'deadline-changed'; step: StepRef; from?: string; to?: string }
  | { kind: 'critical-path'; before?: number; after?: number; workdayHours: number }
  | { kind: 'flow-changed'; step: StepRef; from: string[]; to: string[] }
  | { kind: 'control-added' | 'control-removed' | 'output-added' | 'output-removed'; step: StepRef; text: string }
  | { kind: 'kpi-added' | 'kpi-removed'; kpi: { id: string; name: string }; target: string }
  | { kind: 'kpi-target-changed'; kpi: { id: string; name: string }; from: string; to: string }
  | { kind: 'stage-changed'; stage: StageId; from?: StageState; to?: StageState }
  | { kind: 'lint-introduced' | 'lint-fixed'; finding: LintFinding }
  | { kind: 'version-not-bumped'; version: string }
  | { kind: 'history-not-added'; version: string };

export type ChangeKind = SpecChange['kind'];

/** Changes a reviewer must act on; renderers put them first and mark them. */
export const WARNING_KINDS: ReadonlySet<ChangeKind> = new Set(['version-not-bumped', 'history-not-added', 'spec-invalid']);

export interface DiffContext {
  /** The org registry of the new revision (names roles). */
  org?: Org | OrgIndex;
  /** The org registry of the old revision, for roles the new one dropped. */
  beforeOrg?: Org | OrgIndex;
  /** Hours in a workday, for the critical path (default 8). */
  workdayHours?: number;
  /** Lint findings of the old and new revision of this spec (any order). */
  lintBefore?: Diagnostic[];
  lintAfter?: Diagnostic[];
}

type Side = LoadedSpec | Process | undefined;

const isLoaded = (side: Side): side is LoadedSpec => side !== undefined && 'locate' in side && 'problems' in side;
const specOf = (side: Side): Process | undefined => (isLoaded(side) ? side.spec : side);
const asIndex = (org: Org | OrgIndex | undefined): OrgIndex | undefined => (org === undefined ? undefined : 'roles' in org && org.roles instanceof Map ? (org as OrgIndex) : indexOrg(org as Org));
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** What changed between two revisions of one spec (either may be absent: added or deleted). */
export function diffSpecs(before: Side, after: Side, ctx: DiffContext = {}): SpecChange[] {
  const changes: SpecChange[] = [];
  const old = specOf(before);
  const neu = specOf(after);
  const orgs = [asIndex(ctx.org), asIndex(ctx.beforeOrg)];
  const role = (id: string): RoleRef => {
    const name = orgs.map((o) => o?.roles.get(id)?.name).find(Boolean);
    return name ? { id, name } : { id };
  };
  const beforeFile = isLoaded(before) ? before.file : undefined;
  const afterFile = isLoaded(after) ? after.file : undefined;

  if (before === undefined && neu) changes.push({ kind: 'spec-added', id: neu.id, title: neu.title });
  if (after === undefined && old) changes.push({ kind: 'spec-removed', id: old.id, title: old.title });
  if (beforeFile && afterFile && beforeFile !== afterFile) changes.push({ kind: 'spec-renamed', from: beforeFile, to: afterFile });
  if (before !== undefined && !old) changes.push({ kind: 'spec-invalid', side: 'before' });
  if (after !== undefined && !neu) changes.push({ kind: 'spec-invalid', side: 'after' });

  if (old && neu) {
    if (old.title !== neu.title) changes.push({ kind: 'title-changed', from: old.title, to: neu.title });
    if (old.owner !== neu.owner) changes.push({ kind: 'owner-changed', from: role(old.owner), to: role(neu.owner) });
    if (old.status !== neu.status) changes.push({ kind: 'status-changed', from: old.status, to: neu.status });
    if (old.version !== neu.version) changes.push({ kind: 'version-changed', from: old.version, to: neu.version });
    for (const entry of newHistory(old, neu)) changes.push({ kind: 'history-added', entry });
    changes.push(...stepChanges(old, neu, role));
    changes.push(...criticalPathChange(old, neu, changes, ctx.workdayHours ?? 8));
    changes.push(...kpiChanges(old, neu));
    changes.push(...stageChanges(old, neu));
    const other = otherFields(old, neu, before, after);
    if (other.fields.length > 0 || other.body) changes.push({ kind: 'fields-changed', ...other });
  }

  changes.push(...lintChanges(ctx.lintBefore ?? [], ctx.lintAfter ?? []));

  // A published process is what people follow: every change to it needs a new version and a history line.
  if (old?.status === 'published' && neu && contentChanged(before, after)) {
    if (old.version === neu.version) changes.push({ kind: 'version-not-bumped', version: neu.version });
    if (newHistory(old, neu).length === 0) changes.push({ kind: 'history-not-added', version: neu.version });
  }
  return changes;
}

/** History entries of the new revision that the old one does not have. */
function newHistory(old: Process, neu: Process): HistoryEntry[] {
  const key = (h: HistoryEntry) => `${h.version}\u0000${h.date}\u0000${h.change}`;
  const known = new Set((old.history ?? []).map(key));
  return (neu.history ?? []).filter((h) => !known.has(key(h)));
}

function contentChanged(before: Side, after: Side): boolean {
  if (isLoaded(before) && isLoaded(after)) return before.text !== after.text;
  return JSON.stringify(specOf(before)) !== JSON.stringify(specOf(after));
}

/** Step fields with a change kind of their own; any other field that changed is listed by name. */
const STEP_FIELDS_REPORTED: ReadonlySet<string> = new Set(['id', 'name', 'role', 'accountable', 'deadline', 'next', 'branches', 'controls', 'outputs']);
const SPEC_FIELDS_REPORTED: ReadonlySet<string> = new Set(['title', 'owner', 'status', 'version', 'steps', 'kpis', 'lifecycle', 'history']);

/** Top-level fields without a change kind of their own that changed, KPI details, exceptions, and the prose body. */
function otherFields(old: Process, neu: Process, before: Side, after: Side): { fields: string[]; body: boolean } {
  const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
  const fields: string[] = (Object.keys({ ...old, ...neu }) as Array<keyof Process>).filter((key) => !SPEC_FIELDS_REPORTED.has(key) && differs(old[key], neu[key]));
  const oldKpis = new Map((old.kpis ?? []).map((k) => [k.id, k]));
  for (const kpi of neu.kpis ?? []) {
    const was = oldKpis.get(kpi.id);
    if (was && differs({ ...was, target: '' }, { ...kpi, target: '' })) fields.push(`kpis.${kpi.id}`);
  }
  const oldStages = old.lifecycle ?? {};
  for (const stage of STAGE_IDS) {
    const [a, b] = [oldStages[stage], neu.lifecycle?.[stage]];
    if (a && b && differs({ ...a, status: '', date: '' }, { ...b, status: '', date: '' })) fields.push(`lifecycle.${stage}`);
  }
  const body = isLoaded(before) && isLoaded(after) && before.body.trim() !== after.body.trim();
  return { fields, body };
}

function ref(step: Step): StepRef {
  return { id: step.id, name: step.name };
}

function targets(step: Step): string[] {
  return [...list(step.next), ...(step.branches ?? []).map((b) => (b.when ? `${b.to} (${b.when})` : b.to))];
}

function stepChanges(old: Process, neu: Process, role: (id: string) => RoleRef): SpecChange[] {
  const changes: SpecChange[] = [];
  const oldById = new Map(old.steps.map((s, i) => [s.id, { step: s, index: i }]));
  const newById = new Map(neu.steps.map((s, i) => [s.id, { step: s, index: i }]));
  neu.steps.forEach((step, index) => {
    if (!oldById.has(step.id)) changes.push({ kind: 'step-added', step: ref(step), position: index + 1 });
  });
  old.steps.forEach((step, index) => {
    if (!newById.has(step.id)) changes.push({ kind: 'step-removed', step: ref(step), position: index + 1 });
  });

  // Reordering: the common steps outside a longest common subsequence of the two orders are the ones that moved.
  const oldOrder = old.steps.map((s) => s.id).filter((id) => newById.has(id));
  const newOrder = neu.steps.map((s) => s.id).filter((id) => oldById.has(id));
  const stay = lcs(oldOrder, newOrder);
  for (const id of newOrder) {
    if (stay.has(id)) continue;
    const was = oldById.get(id)!;
    const now = newById.get(id)!;
    changes.push({ kind: 'step-moved', step: ref(now.step), from: was.index + 1, to: now.index + 1 });
  }

  for (const step of neu.steps) {
    const was = oldById.get(step.id)?.step;
    if (!was) continue;
    const at = ref(step);
    if (was.name !== step.name) changes.push({ kind: 'step-renamed', step: at, from: was.name });
    if ((was.role ?? '') !== (step.role ?? '')) {
      changes.push({ kind: 'role-changed', step: at, field: 'role', from: list(was.role).map(role), to: list(step.role).map(role) });
    }
    if (list(was.accountable).join() !== list(step.accountable).join()) {
      changes.push({ kind: 'role-changed', step: at, field: 'accountable', from: list(was.accountable).map(role), to: list(step.accountable).map(role) });
    }
    if (was.deadline !== step.deadline) {
      changes.push({ kind: 'deadline-changed', step: at, ...(was.deadline !== undefined ? { from: was.deadline } : {}), ...(step.deadline !== undefined ? { to: step.deadline } : {}) });
    }
    const rest = (Object.keys({ ...was, ...step }) as Array<keyof Step>).filter((key) => !STEP_FIELDS_REPORTED.has(key) && JSON.stringify(was[key]) !== JSON.stringify(step[key]));
    if (rest.length > 0) changes.push({ kind: 'step-fields-changed', step: at, fields: rest });
    const [from, to] = [targets(was), targets(step)];
    if (from.join('\u0000') !== to.join('\u0000')) changes.push({ kind: 'flow-changed', step: at, from, to });
    for (const [field, added, removed] of [['controls', 'control-added', 'control-removed'], ['outputs', 'output-added', 'output-removed']] as const) {
      const a = new Set(was[field] ?? []);
      const b = new Set(step[field] ?? []);
      for (const text of b) if (!a.has(text)) changes.push({ kind: added, step: at, text });
      for (const text of a) if (!b.has(text)) changes.push({ kind: removed, step: at, text });
    }
  }
  return changes;
}

/** Longest common subsequence of two id lists, as a set (the ids that kept their relative order). */
function lcs(a: string[], b: string[]): Set<string> {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const keep = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      keep.add(a[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}

const TIMING_KINDS: ReadonlySet<ChangeKind> = new Set(['deadline-changed', 'step-added', 'step-removed', 'flow-changed']);

/** The critical-path total before and after, whenever a deadline or the shape of the graph changed. */
function criticalPathChange(old: Process, neu: Process, changes: SpecChange[], workdayHours: number): SpecChange[] {
  if (!changes.some((c) => TIMING_KINDS.has(c.kind))) return [];
  const before = criticalPath(buildModel(old), workdayHours)?.minutes;
  const after = criticalPath(buildModel(neu), workdayHours)?.minutes;
  return [{ kind: 'critical-path', ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), workdayHours }];
}

function kpiChanges(old: Process, neu: Process): SpecChange[] {
  const changes: SpecChange[] = [];
  const before = new Map((old.kpis ?? []).map((k) => [k.id, k]));
  const after = new Map((neu.kpis ?? []).map((k) => [k.id, k]));
  for (const [id, kpi] of after) {
    const was = before.get(id);
    if (!was) changes.push({ kind: 'kpi-added', kpi: { id, name: kpi.name }, target: kpi.target });
    else if (was.target !== kpi.target) changes.push({ kind: 'kpi-target-changed', kpi: { id, name: kpi.name }, from: was.target, to: kpi.target });
  }
  for (const [id, kpi] of before) if (!after.has(id)) changes.push({ kind: 'kpi-removed', kpi: { id, name: kpi.name }, target: kpi.target });
  return changes;
}

function stageChanges(old: Process, neu: Process): SpecChange[] {
  const changes: SpecChange[] = [];
  const state = (p: Process, stage: StageId): StageState | undefined => {
    const s = p.lifecycle?.[stage];
    return s ? { status: s.status, ...(s.date !== undefined ? { date: s.date } : {}) } : undefined;
  };
  for (const stage of STAGE_IDS) {
    const [from, to] = [state(old, stage), state(neu, stage)];
    if (from?.status === to?.status && from?.date === to?.date) continue;
    changes.push({ kind: 'stage-changed', stage, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }
  return changes;
}

/** Findings compared by rule and message (not line: a change moves lines); counted, so a second identical finding is new. */
function lintChanges(before: Diagnostic[], after: Diagnostic[]): SpecChange[] {
  const key = (d: Diagnostic) => `${d.ruleId}\u0000${d.message}`;
  const count = (ds: Diagnostic[]) => ds.reduce((m, d) => m.set(key(d), (m.get(key(d)) ?? 0) + 1), new Map<string, number>());
  const finding = (d: Diagnostic): LintFinding => ({ ruleId: d.ruleId, severity: d.severity, message: d.message, line: d.line });
  const pick = (ds: Diagnostic[], other: Map<string, number>, kind: 'lint-introduced' | 'lint-fixed'): SpecChange[] => {
    const seen = new Map<string, number>();
    const out: SpecChange[] = [];
    for (const d of [...ds].sort((a, b) => a.line - b.line || a.column - b.column)) {
      const n = (seen.get(key(d)) ?? 0) + 1;
      seen.set(key(d), n);
      if (n > (other.get(key(d)) ?? 0)) out.push({ kind, finding: finding(d) });
    }
    return out;
  };
  return [...pick(after, count(before), 'lint-introduced'), ...pick(before, count(after), 'lint-fixed')];
}

/** Steps to mark in the new version's flowchart, and the removed ones (listed beside it). */
export function highlights(changes: SpecChange[]): { highlight: Record<string, 'added' | 'changed'>; removed: StepRef[] } {
  const highlight: Record<string, 'added' | 'changed'> = {};
  const removed: StepRef[] = [];
  for (const change of changes) {
    if (change.kind === 'step-added') highlight[change.step.id] = 'added';
    else if (change.kind === 'step-removed') removed.push(change.step);
    else if ('step' in change && highlight[change.step.id] === undefined) highlight[change.step.id] = 'changed';
  }
  return { highlight, removed };
}
