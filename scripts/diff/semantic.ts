/**
 * The semantic diff of one process: what a change means for the process (a step
 * added, an owner moved, a deadline doubled, a control removed), as data complete
 * enough for a reviewer who never opens the YAML. Pure: the git plumbing and the
 * linting happen in `collect.ts`, the words in `render.ts`.
 */
import type { Org } from '../../schemas/org.ts';
import { ExceptionSchema, KpiSchema, ProcessSchema, STAGE_IDS, StepSchema, type HistoryEntry, type Kpi, type Process, type ProcessException, type StageId } from '../../schemas/process.ts';
import { ownersOf, reviewersFor } from '../model/codeowners.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import type { LoadedSpec } from '../core/load-spec.ts';
import { criticalPath, flowOrder, reachableFromStart, stepNumbers } from '../model/graph.ts';
import { parseKpiTarget } from '../model/kpi-target.ts';
import { indexOrg, type OrgIndex } from '../model/org-index.ts';
import { buildModel, type ProcessModel, type StepKind } from '../model/process-model.ts';
import { bodyChanges } from './body.ts';

export interface StepRef {
  id: string;
  name: string;
}

export interface DepartmentRef {
  id: string;
  name: string;
  nameEn?: string;
}

export interface RoleRef {
  id: string;
  /** The role's names in org.yml, when the registry knows it. */
  name?: string;
  nameEn?: string;
  department?: DepartmentRef;
}

export interface KpiRef {
  id: string;
  name: string;
}

export interface ExceptionRef {
  when: string;
}

/** What a field belongs to; a change without one is about the process itself. */
export type Subject = { step: StepRef } | { kpi: KpiRef } | { stage: StageId } | { exception: ExceptionRef };

/** A step the flow comes from or goes on to. */
export interface FlowLink {
  step: StepRef;
  /** `parallel`: one of several `next` steps done at the same time; `branch`: a decision's alternative. */
  via: 'next' | 'parallel' | 'branch';
  when?: string;
  /** A declared loop back (e.g. documents incomplete → submit again). */
  loop?: boolean;
}

/** Everything a reviewer needs to judge a step that was added or removed. */
export interface StepSummary {
  kind: StepKind;
  action?: string;
  role?: RoleRef;
  accountable: RoleRef[];
  consulted: RoleRef[];
  informed: RoleRef[];
  deadline?: string;
  /** False when the deadline is missing or cannot be read: the critical path counts it as nothing. */
  deadlineReadable: boolean;
  inputs: string[];
  outputs: string[];
  controls: string[];
  tools: string[];
  /** The steps that lead to it (none: it starts the process). */
  previous: FlowLink[];
  /** The steps it leads to (none: the process ends there). */
  next: FlowLink[];
}

/** What a time KPI measures: from a step (default: the first) to a step (default: the end). */
export interface Span {
  from?: StepRef;
  to?: StepRef;
}

export interface KpiSummary extends KpiRef {
  target: string;
  /** Only for time KPIs, and KPIs that name a span. */
  span?: Span;
  frequency?: string;
  source?: string;
}

export interface ExceptionSummary extends ExceptionRef {
  action: string;
  role?: RoleRef;
  deadline?: string;
  step?: StepRef;
}

/** A step whose time the critical path cannot count: no deadline, or one that cannot be read. */
export interface Uncounted {
  step: StepRef;
  deadline?: string;
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
  | { kind: 'status-changed'; from: string; to: string }
  | { kind: 'version-changed'; from: string; to: string }
  | { kind: 'history-added' | 'history-removed'; entry: HistoryEntry }
  /** A text or single value; `from`/`to` absent when the field was added or removed. */
  | { kind: 'value-changed'; at?: Subject; field: string; from?: string; to?: string }
  /** A list of texts (outputs, controls, tags …): the items added and removed. */
  | { kind: 'items-changed'; at?: Subject; field: string; added: string[]; removed: string[] }
  /** A field holding roles (owner, role, accountable, consulted, informed, reviewers …). */
  | { kind: 'roles-changed'; at?: Subject; field: string; from: RoleRef[]; to: RoleRef[] }
  /** A role that had no part in the process now does work in it; `newDepartment` when its department had none either. */
  | { kind: 'new-participant'; role: RoleRef; newDepartment: boolean; steps: StepRef[]; exceptions: ExceptionRef[]; reviewers: string[] }
  /** `position`: the step's number in the reader's flow order. */
  | { kind: 'step-added' | 'step-removed'; step: StepRef; position: number; detail: StepSummary }
  | { kind: 'step-moved'; step: StepRef; from: number; to: number }
  | { kind: 'flow-changed'; step: StepRef; from: FlowLink[]; to: FlowLink[] }
  | { kind: 'branch-condition-changed'; step: StepRef; target: StepRef; from?: string; to?: string }
  | { kind: 'critical-path'; before?: number; after?: number; workdayHours: number; uncountedBefore: Uncounted[]; uncountedAfter: Uncounted[] }
  | { kind: 'kpi-added' | 'kpi-removed'; kpi: KpiSummary }
  | { kind: 'kpi-span-changed'; kpi: KpiRef; from: Span; to: Span }
  | { kind: 'exception-added' | 'exception-removed'; exception: ExceptionSummary }
  | { kind: 'stage-changed'; stage: StageId; from?: StageState; to?: StageState }
  | { kind: 'body-changed'; section?: string; from?: string; to?: string }
  | { kind: 'lint-introduced' | 'lint-fixed'; finding: LintFinding }
  | { kind: 'version-not-bumped'; version: string }
  | { kind: 'history-not-added'; version: string };

export type ChangeKind = SpecChange['kind'];

/** Changes a reviewer must act on; renderers put them first and mark them. */
export const WARNING_KINDS: ReadonlySet<ChangeKind> = new Set(['version-not-bumped', 'history-not-added', 'spec-invalid']);

export interface DiffContext {
  /** The org registry of the new revision (names roles, finds reviewers). */
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
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields whose values are role ids, wherever they appear. */
const ROLE_FIELDS: ReadonlySet<string> = new Set(['owner', 'role', 'accountable', 'consulted', 'informed', 'approvedBy', 'reviewers']);

/** Names roles from the new registry, else the old one (a role the change removed). */
type RoleNamer = (id: string) => RoleRef;

function roleNamer(ctx: DiffContext): RoleNamer {
  const orgs = [asIndex(ctx.org), asIndex(ctx.beforeOrg)].filter((o): o is OrgIndex => o !== undefined);
  return (id) => {
    const org = orgs.find((o) => o.roles.has(id));
    const role = org?.roles.get(id);
    if (!org || !role) return { id };
    const department = org.departments.get(role.department);
    return {
      id,
      name: role.name,
      ...(role.nameEn ? { nameEn: role.nameEn } : {}),
      ...(department ? { department: { id: department.id, name: department.name, ...(department.nameEn ? { nameEn: department.nameEn } : {}) } } : {}),
    };
  };
}

/** What changed between two revisions of one spec (either may be absent: added or deleted). */
export function diffSpecs(before: Side, after: Side, ctx: DiffContext = {}): SpecChange[] {
  const changes: SpecChange[] = [];
  const old = specOf(before);
  const neu = specOf(after);
  const role = roleNamer(ctx);
  const beforeFile = isLoaded(before) ? before.file : undefined;
  const afterFile = isLoaded(after) ? after.file : undefined;

  if (before === undefined && neu) changes.push({ kind: 'spec-added', id: neu.id, title: neu.title });
  if (after === undefined && old) changes.push({ kind: 'spec-removed', id: old.id, title: old.title });
  if (beforeFile && afterFile && beforeFile !== afterFile) changes.push({ kind: 'spec-renamed', from: beforeFile, to: afterFile });
  if (before !== undefined && !old) changes.push({ kind: 'spec-invalid', side: 'before' });
  if (after !== undefined && !neu) changes.push({ kind: 'spec-invalid', side: 'after' });

  const neuModel = neu ? buildModel(neu) : undefined;
  if (neuModel && (old || before === undefined)) changes.push(...newParticipants(old, neuModel, role, asIndex(ctx.org)?.org));
  if (old && neu && neuModel) {
    const models = { old: buildModel(old), neu: neuModel };
    changes.push(...fieldChanges(old, neu, undefined, role, PROCESS_FIELDS_APART, Object.keys(ProcessSchema.shape)));
    if (old.status !== neu.status) changes.push({ kind: 'status-changed', from: old.status, to: neu.status });
    if (old.version !== neu.version) changes.push({ kind: 'version-changed', from: old.version, to: neu.version });
    changes.push(...historyChanges(old, neu));
    const steps = stepChanges(models.old, models.neu, role);
    changes.push(...steps, ...criticalPathChange(models.old, models.neu, steps, ctx.workdayHours ?? 8));
    changes.push(...kpiChanges(models.old, models.neu, role));
    changes.push(...exceptionChanges(models.old, models.neu, role));
    changes.push(...stageChanges(old, neu, role));
    if (isLoaded(before) && isLoaded(after)) for (const body of bodyChanges(before.body, after.body)) changes.push({ kind: 'body-changed', ...body });
  }

  // A published process is what people follow: every change to it needs a new version and a history line.
  const unversioned = old?.status === 'published' && neu !== undefined && contentChanged(before, after) && old.version === neu.version;
  // The linter's `version-bump` finding says the same as `version-not-bumped` below: shown once, in the diff's words.
  changes.push(...lintChanges(ctx.lintBefore ?? [], (ctx.lintAfter ?? []).filter((d) => !(unversioned && d.ruleId === 'version-bump'))));

  if (old?.status === 'published' && neu && contentChanged(before, after)) {
    if (unversioned) changes.push({ kind: 'version-not-bumped', version: neu.version });
    if (!historyChanges(old, neu).some((c) => c.kind === 'history-added')) changes.push({ kind: 'history-not-added', version: neu.version });
  }
  return changes;
}

function contentChanged(before: Side, after: Side): boolean {
  if (isLoaded(before) && isLoaded(after)) return before.text !== after.text;
  return !same(specOf(before), specOf(after));
}

/** Process fields with changes of their own kind. */
const PROCESS_FIELDS_APART: ReadonlySet<string> = new Set(['$schema', 'id', 'status', 'version', 'steps', 'kpis', 'exceptions', 'lifecycle', 'history']);

const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const display = (value: unknown): string | undefined => (value === undefined ? undefined : typeof value === 'string' ? value : isTextList(value) ? value.join('、') : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * Every field that differs between `a` and `b`, before and after: texts and single values
 * as they are, lists of texts as the items added and removed, roles named, nested records
 * (the scope) field by field. `order` lists the fields in the schema's order.
 */
function fieldChanges(a: object | undefined, b: object | undefined, at: Subject | undefined, role: RoleNamer, skip: ReadonlySet<string>, order: string[] = [], prefix = ''): SpecChange[] {
  const [x, y] = [(a ?? {}) as Record<string, unknown>, (b ?? {}) as Record<string, unknown>];
  const keys = [...new Set([...order, ...Object.keys(y), ...Object.keys(x)])].filter((key) => !skip.has(key) && (key in x || key in y));
  const subject = at ? { at } : {};
  const changes: SpecChange[] = [];
  for (const key of keys) {
    const [from, to] = [x[key], y[key]];
    if (same(from, to)) continue;
    const field = `${prefix}${key}`;
    if (ROLE_FIELDS.has(key)) {
      changes.push({ kind: 'roles-changed', ...subject, field, from: list(from as string | string[]).map(role), to: list(to as string | string[]).map(role) });
    } else if ((isTextList(from) || from === undefined) && (isTextList(to) || to === undefined)) {
      const { added, removed } = itemChanges(from ?? [], to ?? []);
      if (added.length || removed.length) changes.push({ kind: 'items-changed', ...subject, field, added, removed });
      else changes.push({ kind: 'value-changed', ...subject, field, from: display(from)!, to: display(to)! }); // only the order changed
    } else if (isRecord(from) || isRecord(to)) {
      changes.push(...fieldChanges(isRecord(from) ? from : undefined, isRecord(to) ? to : undefined, at, role, new Set(), [], `${field}.`));
    } else {
      const [was, now] = [display(from), display(to)];
      changes.push({ kind: 'value-changed', ...subject, field, ...(was !== undefined ? { from: was } : {}), ...(now !== undefined ? { to: now } : {}) });
    }
  }
  return changes;
}

/** Items of `b` not in `a` and of `a` not in `b`, counted (a second copy of an item is an item). */
function itemChanges(a: string[], b: string[]): { added: string[]; removed: string[] } {
  const minus = (xs: string[], ys: string[]) => {
    const left = ys.reduce((m, y) => m.set(y, (m.get(y) ?? 0) + 1), new Map<string, number>());
    return xs.filter((x) => {
      const n = left.get(x) ?? 0;
      if (n > 0) left.set(x, n - 1);
      return n === 0;
    });
  };
  return { added: minus(b, a), removed: minus(a, b) };
}

function historyChanges(old: Process, neu: Process): SpecChange[] {
  const key = (h: HistoryEntry) => JSON.stringify([h.version, h.date, h.author, h.change]);
  const [was, now] = [new Set((old.history ?? []).map(key)), new Set((neu.history ?? []).map(key))];
  return [
    ...(neu.history ?? []).filter((h) => !was.has(key(h))).map((entry): SpecChange => ({ kind: 'history-added', entry })),
    ...(old.history ?? []).filter((h) => !now.has(key(h))).map((entry): SpecChange => ({ kind: 'history-removed', entry })),
  ];
}

const stepRef = (model: ProcessModel, id: string): StepRef => ({ id, name: model.byId.get(id)?.step.name ?? id });

function links(model: ProcessModel, id: string, direction: 'previous' | 'next'): FlowLink[] {
  const edges = direction === 'next' ? model.edges.filter((e) => e.from === id) : model.incoming.get(id) ?? [];
  return edges.map((edge) => ({
    step: stepRef(model, direction === 'next' ? edge.to : edge.from),
    via: edge.type,
    ...(edge.when !== undefined ? { when: edge.when } : {}),
    ...(edge.loop ? { loop: true } : {}),
  }));
}

function summary(model: ProcessModel, id: string, role: RoleNamer): StepSummary {
  const node = model.byId.get(id)!;
  const { step } = node;
  return {
    kind: node.kind,
    ...(step.action !== undefined ? { action: step.action } : {}),
    ...(step.role !== undefined ? { role: role(step.role) } : {}),
    accountable: node.accountable.map(role),
    consulted: (step.consulted ?? []).map(role),
    informed: (step.informed ?? []).map(role),
    ...(step.deadline !== undefined ? { deadline: step.deadline } : {}),
    deadlineReadable: node.deadline?.ok === true,
    inputs: step.inputs ?? [],
    outputs: step.outputs ?? [],
    controls: step.controls ?? [],
    tools: step.tools ?? [],
    previous: links(model, id, 'previous'),
    next: links(model, id, 'next'),
  };
}

/** Step fields with changes of their own kind: identity and the flow. */
const STEP_FIELDS_APART: ReadonlySet<string> = new Set(['id', 'next', 'branches']);

/**
 * Step by step in the new version's flow order (each added step where it now sits),
 * then the removed steps in the old flow order. Positions are flow-order numbers,
 * the ones the site and the flowchart show.
 */
function stepChanges(old: ProcessModel, neu: ProcessModel, role: RoleNamer): SpecChange[] {
  const changes: SpecChange[] = [];
  const [oldNumbers, newNumbers] = [stepNumbers(old), stepNumbers(neu)];
  // Reordering: the common steps outside a longest common subsequence of the two flow orders are the ones that moved.
  const common = (model: ProcessModel, other: ProcessModel) => flowOrder(model).map((n) => n.step.id).filter((id) => other.byId.has(id));
  const stay = lcs(common(old, neu), common(neu, old));

  for (const { step } of flowOrder(neu)) {
    const at = stepRef(neu, step.id);
    const was = old.byId.get(step.id)?.step;
    if (!was) {
      changes.push({ kind: 'step-added', step: at, position: newNumbers.get(step.id)!, detail: summary(neu, step.id, role) });
      continue;
    }
    if (!stay.has(step.id)) changes.push({ kind: 'step-moved', step: at, from: oldNumbers.get(step.id)!, to: newNumbers.get(step.id)! });
    changes.push(...fieldChanges(was, step, { step: at }, role, STEP_FIELDS_APART, Object.keys(StepSchema.shape)));
    changes.push(...flowChanges(old, neu, step.id));
  }
  for (const { step } of flowOrder(old)) {
    if (!neu.byId.has(step.id)) changes.push({ kind: 'step-removed', step: stepRef(old, step.id), position: oldNumbers.get(step.id)!, detail: summary(old, step.id, role) });
  }
  return changes;
}

/** Where a step leads: a change of targets as a whole, or only of branch conditions, each on its own. */
function flowChanges(old: ProcessModel, neu: ProcessModel, id: string): SpecChange[] {
  const [from, to] = [links(old, id, 'next'), links(neu, id, 'next')];
  if (same(from, to)) return [];
  const shape = (ls: FlowLink[]) => ls.map((l) => [l.step.id, l.via, l.loop === true]);
  const at = stepRef(neu, id);
  if (!same(shape(from), shape(to))) return [{ kind: 'flow-changed', step: at, from, to }];
  return to.flatMap((link, i): SpecChange[] => {
    const was = from[i]!.when;
    if (was === link.when) return [];
    return [{ kind: 'branch-condition-changed', step: at, target: link.step, ...(was !== undefined ? { from: was } : {}), ...(link.when !== undefined ? { to: link.when } : {}) }];
  });
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

const changesTiming = (c: SpecChange) =>
  c.kind === 'step-added' || c.kind === 'step-removed' || c.kind === 'flow-changed' || (c.kind === 'value-changed' && c.field === 'deadline' && c.at !== undefined && 'step' in c.at);

/** Reachable steps whose time the critical path cannot count, in flow order. */
function uncounted(model: ProcessModel): Uncounted[] {
  const reachable = reachableFromStart(model);
  return flowOrder(model)
    .filter((node) => reachable.has(node.step.id) && node.deadline?.ok !== true)
    .map((node) => ({ step: stepRef(model, node.step.id), ...(node.step.deadline !== undefined ? { deadline: node.step.deadline } : {}) }));
}

/** The critical-path total before and after, whenever a deadline or the shape of the graph changed; uncounted steps named. */
function criticalPathChange(old: ProcessModel, neu: ProcessModel, changes: SpecChange[], workdayHours: number): SpecChange[] {
  if (!changes.some(changesTiming)) return [];
  const before = criticalPath(old, workdayHours)?.minutes;
  const after = criticalPath(neu, workdayHours)?.minutes;
  return [{ kind: 'critical-path', ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), workdayHours, uncountedBefore: uncounted(old), uncountedAfter: uncounted(neu) }];
}

function kpiSummary(model: ProcessModel, kpi: Kpi): KpiSummary {
  const timed = parseKpiTarget(kpi.target).timeUnit !== undefined;
  return {
    id: kpi.id,
    name: kpi.name,
    target: kpi.target,
    ...(timed || kpi.from !== undefined || kpi.to !== undefined ? { span: span(model, kpi) } : {}),
    ...(kpi.frequency !== undefined ? { frequency: kpi.frequency } : {}),
    ...(kpi.source !== undefined ? { source: kpi.source } : {}),
  };
}

function span(model: ProcessModel, kpi: Kpi): Span {
  return { ...(kpi.from !== undefined ? { from: stepRef(model, kpi.from) } : {}), ...(kpi.to !== undefined ? { to: stepRef(model, kpi.to) } : {}) };
}

/** KPIs added and removed; for a kept one, its name, target and other fields, and the span it measures. */
function kpiChanges(old: ProcessModel, neu: ProcessModel, role: RoleNamer): SpecChange[] {
  const changes: SpecChange[] = [];
  const before = new Map((old.spec.kpis ?? []).map((k) => [k.id, k]));
  const after = new Map((neu.spec.kpis ?? []).map((k) => [k.id, k]));
  for (const [id, kpi] of after) {
    const was = before.get(id);
    if (!was) {
      changes.push({ kind: 'kpi-added', kpi: kpiSummary(neu, kpi) });
      continue;
    }
    const at = { id, name: kpi.name };
    changes.push(...fieldChanges(was, kpi, { kpi: at }, role, new Set(['id', 'from', 'to']), Object.keys(KpiSchema.shape)));
    if (was.from !== kpi.from || was.to !== kpi.to) changes.push({ kind: 'kpi-span-changed', kpi: at, from: span(old, was), to: span(neu, kpi) });
  }
  for (const [id, kpi] of before) if (!after.has(id)) changes.push({ kind: 'kpi-removed', kpi: kpiSummary(old, kpi) });
  return changes;
}

function exceptionSummary(model: ProcessModel, e: ProcessException, role: RoleNamer): ExceptionSummary {
  return {
    when: e.when,
    action: e.action,
    ...(e.role !== undefined ? { role: role(e.role) } : {}),
    ...(e.deadline !== undefined ? { deadline: e.deadline } : {}),
    ...(e.step !== undefined ? { step: stepRef(model, e.step) } : {}),
  };
}

/**
 * Exception plans matched by id, else by their situation (`when`); the ones left
 * unmatched on both sides pair up in order, as edits of their situation.
 */
function exceptionChanges(old: ProcessModel, neu: ProcessModel, role: RoleNamer): SpecChange[] {
  const key = (e: ProcessException) => e.id ?? `when:${e.when}`;
  const [was, now] = [old.spec.exceptions ?? [], neu.spec.exceptions ?? []];
  const nowKeys = new Set(now.map(key));
  const wasByKey = new Map(was.map((e) => [key(e), e]));
  const unmatchedOld = was.filter((e) => !nowKeys.has(key(e)));
  const changes: SpecChange[] = [];
  for (const e of now) {
    const before = wasByKey.get(key(e)) ?? unmatchedOld.shift();
    if (before) changes.push(...fieldChanges(before, e, { exception: { when: e.when } }, role, new Set(['id']), Object.keys(ExceptionSchema.shape)));
    else changes.push({ kind: 'exception-added', exception: exceptionSummary(neu, e, role) });
  }
  for (const e of unmatchedOld) changes.push({ kind: 'exception-removed', exception: exceptionSummary(old, e, role) });
  return changes;
}

function stageChanges(old: Process, neu: Process, role: RoleNamer): SpecChange[] {
  const changes: SpecChange[] = [];
  const state = (p: Process, stage: StageId): StageState | undefined => {
    const s = p.lifecycle?.[stage];
    return s ? { status: s.status, ...(s.date !== undefined ? { date: s.date } : {}) } : undefined;
  };
  for (const stage of STAGE_IDS) {
    const [from, to] = [state(old, stage), state(neu, stage)];
    if (from?.status !== to?.status || from?.date !== to?.date) changes.push({ kind: 'stage-changed', stage, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    changes.push(...fieldChanges(old.lifecycle?.[stage], neu.lifecycle?.[stage], { stage }, role, new Set(['status', 'date'])));
  }
  return changes;
}

/** The roles each one does work as (R or A of a step, or handling an exception), in flow order. */
function work(model: ProcessModel): Map<string, { steps: StepRef[]; exceptions: ExceptionRef[] }> {
  const roles = new Map<string, { steps: StepRef[]; exceptions: ExceptionRef[] }>();
  const entry = (id: string) => roles.get(id) ?? roles.set(id, { steps: [], exceptions: [] }).get(id)!;
  for (const node of flowOrder(model)) {
    for (const id of new Set([...list(node.step.role), ...node.accountable])) entry(id).steps.push(stepRef(model, node.step.id));
  }
  for (const e of model.spec.exceptions ?? []) if (e.role !== undefined) entry(e.role).exceptions.push({ when: e.when });
  return roles;
}

/** Every role with any part in a process: owner, RACI of its steps, exception handlers, reviewers. */
function participants(p: Process): Set<string> {
  return new Set([
    p.owner,
    ...p.steps.flatMap((s) => [...list(s.role), ...list(s.accountable), ...(s.consulted ?? []), ...(s.informed ?? [])]),
    ...(p.exceptions ?? []).flatMap((e) => list(e.role)),
    ...list(p.lifecycle?.review?.approvedBy),
    ...(p.lifecycle?.review?.reviewers ?? []),
  ]);
}

/**
 * Roles now doing work in a process they had no part in. Their review is asked for
 * (CODEOWNERS names only the owner). For a new process, the roles of other departments
 * than the owner's: the owning department's roles are the owner's to assign. A role the
 * registry does not know is left to the linter (`step-owner`), which names the typo.
 */
function newParticipants(old: Process | undefined, model: ProcessModel, role: RoleNamer, org: Org | undefined): SpecChange[] {
  const neu = model.spec;
  const known = old ? participants(old) : new Set([neu.owner]);
  const departmentOf = (id: string) => role(id).department?.id;
  const knownDepartments = new Set([old?.department ?? neu.department, ...[...known].map(departmentOf)]);
  const owners = new Set(org ? ownersOf(neu, org) : []);
  const changes: SpecChange[] = [];
  for (const [id, { steps, exceptions }] of work(model)) {
    const newDepartment = !knownDepartments.has(departmentOf(id));
    if (known.has(id) || (!old && !newDepartment) || (org && role(id).name === undefined)) continue;
    const reviewers = org ? reviewersFor(id, org).filter((handle) => !owners.has(handle)) : [];
    changes.push({ kind: 'new-participant', role: role(id), newDepartment, steps, exceptions, reviewers });
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

/** The step a change is about, if any. */
export function stepOf(change: SpecChange): StepRef | undefined {
  if ('step' in change) return change.step;
  if ('at' in change && change.at && 'step' in change.at) return change.at.step;
  return undefined;
}

/** Steps to mark in the new version's flowchart, and the removed ones (listed beside it). */
export function highlights(changes: SpecChange[]): { highlight: Record<string, 'added' | 'changed'>; removed: StepRef[] } {
  const highlight: Record<string, 'added' | 'changed'> = {};
  const removed: StepRef[] = [];
  for (const change of changes) {
    const step = stepOf(change);
    if (change.kind === 'step-added') highlight[change.step.id] = 'added';
    else if (change.kind === 'step-removed') removed.push(change.step);
    else if (step && highlight[step.id] === undefined) highlight[step.id] = 'changed';
  }
  return { highlight, removed };
}
