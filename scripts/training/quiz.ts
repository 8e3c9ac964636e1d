/**
 * A self-check quiz for one process, generated at build time from its spec: who does a step, by
 * when, what follows a condition or a refusal, which control must not be skipped, which form a step
 * produces. Every answer is a fact the spec states; a question whose fact is missing is not asked.
 * Wrong answers come from the same handbook (roles of the answer's department, neighbouring
 * deadlines, other steps, controls and forms). Pure and deterministic for a process version: the
 * same `id@version` gives the same questions, options and order, in both languages.
 */
import { fnv1a, mulberry32 } from '../core/random.ts';
import type { Locale } from '../core/messages.ts';
import { formatDeadline, formatStepDeadline } from '../model/deadline-format.ts';
import type { Deadline } from '../model/deadline.ts';
import { deadlineMinutes } from '../model/deadline.ts';
import { localized, localizedList, type Localized } from '../model/english.ts';
import { flowOrder, stepNumbers } from '../model/graph.ts';
import { formName, type Handbook, type HandbookEntry } from '../model/handbook.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { StepNode } from '../model/process-model.ts';

export type QuestionKind = 'role' | 'deadline' | 'branch' | 'refused' | 'next' | 'control' | 'output';

/** Text in both languages; the English side keeps the language of what it shows (Chinese where the spec has no English). */
export type Bilingual = Record<Locale, Localized>;

export interface QuizOption {
  /** What the option stands for: a role id, a step id, a deadline or a spec text (locale-independent). */
  key: string;
  text: Bilingual;
}

/** Where the answer sits in the spec: the step, the field and (for lists and branches) the item. */
export interface QuizSource {
  step: string;
  field: 'role' | 'deadline' | 'branches' | 'next' | 'controls' | 'outputs';
  index?: number;
}

export interface QuizQuestion {
  /** Stable within a version: kind, step and item. */
  id: string;
  kind: QuestionKind;
  source: QuizSource;
  prompt: Bilingual;
  options: QuizOption[];
  /** Index of the right option. */
  answer: number;
  /** Why, in words, with the step's number in the process table. */
  explanation: Bilingual;
}

export interface Quiz {
  process: string;
  version: string;
  questions: QuizQuestion[];
}

export interface QuizOptions {
  /** Most questions asked (default 8). */
  max?: number;
  /** Options per question, the answer included (default 4; at least 3 are needed to ask). */
  choices?: number;
  /** Hours in a workday, to find neighbouring deadlines (default 8). */
  workdayHours?: number;
}

const MIN_CHOICES = 3;

export function generateQuiz(entry: HandbookEntry, handbook: Handbook, options: QuizOptions = {}): Quiz {
  const { spec, model } = entry;
  const max = options.max ?? 8;
  const choices = options.choices ?? 4;
  const random = seeded(`${spec.id}@${spec.version}`);
  const pools = handbookPools(handbook, options.workdayHours ?? 8);
  const numbers = stepNumbers(model);
  const org = handbook.org;
  const name = (node: StepNode, locale: Locale) => localized(node.step.name, node.step.nameEn, locale);
  const stepText = (node: StepNode): Bilingual => ({ 'zh-CN': name(node, 'zh-CN'), en: name(node, 'en') });
  const stepOption = (node: StepNode): QuizOption => ({ key: `step:${node.step.id}`, text: stepText(node) });
  const words = phrasing(numbers);

  const candidates: Array<Omit<QuizQuestion, 'options' | 'answer'> & { right: QuizOption; wrong: QuizOption[] }> = [];
  const order = flowOrder(model);
  for (const node of order) {
    const step = node.step;
    const here = stepText(node);

    if (step.role && org?.roles.has(step.role)) {
      const right = roleOption(org, step.role);
      // A step's recusal role also does it sometimes: never offered as wrong.
      const excluded = new Set([step.role, ...(step.recuseTo ? [step.recuseTo] : [])]);
      const department = org.roles.get(step.role)!.department;
      const sameDepartment = org.org.roles.filter((role) => role.department === department && !excluded.has(role.id)).map((role) => role.id);
      const inProcess = unique(model.steps.map((other) => other.step.role).filter((id): id is string => !!id && org.roles.has(id) && !excluded.has(id)));
      const wrong = [...pick(random, sameDepartment, choices - 1), ...pick(random, inProcess, choices - 1)].filter(uniqueBy()).slice(0, choices - 1).map((id) => roleOption(org, id));
      candidates.push({ id: `role:${step.id}`, kind: 'role', source: { step: step.id, field: 'role' }, prompt: words.role(here), explanation: words.roleWhy(here, node, right.text), right, wrong });
    }

    const deadline = node.deadline?.ok ? node.deadline.value : undefined;
    if (deadline && askable(deadline)) {
      const right = deadlineOption(deadline);
      const minutes = deadlineMinutes(deadline, options.workdayHours ?? 8);
      const pool = (minutes === undefined ? pools.recurring : pools.durations).filter((other) => other.key !== right.key);
      // Neighbouring deadlines: the closest in length (or, for dates, the first in the handbook's order).
      const near = minutes === undefined ? pool : [...pool].sort((a, b) => Math.abs(a.minutes! - minutes) - Math.abs(b.minutes! - minutes) || a.key.localeCompare(b.key));
      const wrong = pick(random, near.slice(0, (choices - 1) * 2), choices - 1).map((other) => other.option);
      const reads: Bilingual = {
        'zh-CN': { text: formatStepDeadline(model, node, 'zh-CN') ?? step.deadline!, lang: 'zh-CN' },
        en: { text: formatStepDeadline(model, node, 'en', { step: (n) => n.step.nameEn ?? n.step.name, trigger: spec.scope.startEn ?? spec.scope.start }) ?? step.deadline!, lang: 'en' },
      };
      candidates.push({ id: `deadline:${step.id}`, kind: 'deadline', source: { step: step.id, field: 'deadline' }, prompt: words.deadline(here), explanation: words.deadlineWhy(here, node, step.deadline!, reads), right, wrong });
    }

    const branches = step.branches ?? [];
    const refusals = node.kind === 'approval' ? branches.filter((branch) => branch.outcome === 'rejected' && model.byId.has(branch.to)) : [];
    branches.forEach((branch, index) => {
      const target = model.byId.get(branch.to);
      if (!target) return;
      const alone = refusals.length === 1 && refusals[0] === branch;
      if (!alone && (branch.when === undefined || branch.when.trim() === '')) return;
      // Two branches with the same condition would make two answers right.
      if (!alone && branches.some((other, j) => j !== index && other.when === branch.when && other.to !== branch.to)) return;
      const right = stepOption(target);
      const wrong = pick(random, stepsOtherThan(model.steps, [target, node]).map(stepOption), choices - 1);
      const condition: Bilingual = alone ? words.refusal : { 'zh-CN': localized(branch.when!, branch.whenEn, 'zh-CN'), en: localized(branch.when!, branch.whenEn, 'en') };
      candidates.push({
        id: `${alone ? 'refused' : 'branch'}:${step.id}:${index}`,
        kind: alone ? 'refused' : 'branch',
        source: { step: step.id, field: 'branches', index },
        prompt: alone ? words.refused(here) : words.branch(here, condition),
        explanation: words.branchWhy(here, node, condition, right.text, target),
        right,
        wrong,
      });
    });

    const next = step.next === undefined ? [] : [step.next].flat();
    if (branches.length === 0 && next.length === 1 && model.byId.has(next[0]!) && !step.loop) {
      const target = model.byId.get(next[0]!)!;
      const right = stepOption(target);
      const wrong = pick(random, stepsOtherThan(model.steps, [target, node]).map(stepOption), choices - 1);
      candidates.push({ id: `next:${step.id}`, kind: 'next', source: { step: step.id, field: 'next' }, prompt: words.next(here), explanation: words.nextWhy(here, node, right.text, target), right, wrong });
    }

    const controls = step.controls ?? [];
    if (controls.length > 0) {
      const index = Math.floor(random() * controls.length);
      const texts = localizedPair(controls, step.controlsEn);
      const right: QuizOption = { key: `control:${controls[index]}`, text: texts[index]! };
      const own = new Set(controls);
      const pool = pools.controls.filter((other) => !own.has(other.zh));
      const sameProcess = pool.filter((other) => other.process === spec.id);
      const wrong = [...pick(random, sameProcess, choices - 1), ...pick(random, pool, choices - 1)].filter(uniqueBy((c) => c.zh)).slice(0, choices - 1).map((c) => ({ key: `control:${c.zh}`, text: c.text }));
      candidates.push({ id: `control:${step.id}:${index}`, kind: 'control', source: { step: step.id, field: 'controls', index }, prompt: words.control(here), explanation: words.listWhy('controls', here, node, texts), right, wrong });
    }

    const outputs = step.outputs ?? [];
    if (outputs.length > 0) {
      const index = Math.floor(random() * outputs.length);
      const texts = localizedPair(outputs, step.outputsEn);
      const answerName = formName(outputs[index]!);
      const right: QuizOption = { key: `form:${answerName}`, text: formText(answerName, texts[index]!.en) };
      // Any of the step's own outputs would be right too; the forms it only receives are fair wrong answers.
      const own = new Set(outputs.map(formName));
      const pool = pools.forms.filter((form) => !own.has(form.zh));
      const sameProcess = pool.filter((form) => form.processes.has(spec.id));
      const wrong = [...pick(random, sameProcess, choices - 1), ...pick(random, pool, choices - 1)].filter(uniqueBy((f) => f.zh)).slice(0, choices - 1).map((f) => ({ key: `form:${f.zh}`, text: formText(f.zh, f.en) }));
      candidates.push({ id: `output:${step.id}:${index}`, kind: 'output', source: { step: step.id, field: 'outputs', index }, prompt: words.output(here), explanation: words.listWhy('outputs', here, node, texts), right, wrong });
    }
  }

  // Questions that can offer enough wrong answers, a mix of kinds (round robin in a seeded order), then in flow order.
  const askableCandidates = candidates.filter((candidate) => candidate.wrong.length >= MIN_CHOICES - 1);
  const byKind = new Map<QuestionKind, typeof askableCandidates>();
  for (const candidate of askableCandidates) byKind.set(candidate.kind, [...(byKind.get(candidate.kind) ?? []), candidate]);
  const queues = shuffle(random, [...byKind.values()].map((list) => shuffle(random, list)));
  const chosen: typeof askableCandidates = [];
  while (chosen.length < max && queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) if (queue.length > 0 && chosen.length < max) chosen.push(queue.shift()!);
  }
  const position = new Map(candidates.map((candidate, index) => [candidate, index]));
  chosen.sort((a, b) => position.get(a)! - position.get(b)!);

  const questions = chosen.map(({ right, wrong, ...question }): QuizQuestion => {
    const options = shuffle(random, [right, ...wrong]);
    return { ...question, options, answer: options.indexOf(right) };
  });
  return { process: spec.id, version: spec.version, questions };
}

/** Deadlines a reader can compare: durations, immediately, and dates that recur (not lead times before an event). */
function askable(deadline: Deadline): boolean {
  return !(deadline.kind === 'within' && deadline.anchor?.relation === 'before');
}

/** A deadline as an option: its length or date, without what it counts from (the explanation says that). */
function deadlineOption(deadline: Deadline): QuizOption {
  const bare: Deadline = deadline.kind === 'within' ? { kind: 'within', amount: deadline.amount, unit: deadline.unit, ...(deadline.sameDay ? { sameDay: true } : {}) } : deadline;
  const zh = formatDeadline(bare, 'zh-CN');
  return { key: `deadline:${zh}`, text: { 'zh-CN': { text: zh, lang: 'zh-CN' }, en: { text: formatDeadline(bare, 'en'), lang: 'en' } } };
}

function roleOption(org: OrgIndex, id: string): QuizOption {
  const role = org.roles.get(id)!;
  return { key: `role:${id}`, text: { 'zh-CN': { text: role.name, lang: 'zh-CN' }, en: localized(role.name, role.nameEn, 'en') } };
}

function formText(zh: string, en: Localized | string | undefined): Bilingual {
  const english = typeof en === 'string' ? { text: en, lang: 'en' as const } : en?.lang === 'en' ? en : undefined;
  return { 'zh-CN': { text: `《${zh}》`, lang: 'zh-CN' }, en: english ?? { text: `《${zh}》`, lang: 'zh-CN' } };
}

function localizedPair(zh: readonly string[], en: readonly string[] | undefined): Bilingual[] {
  const english = localizedList(zh, en, 'en');
  return zh.map((text, i) => ({ 'zh-CN': { text, lang: 'zh-CN' }, en: english[i]! }));
}

function stepsOtherThan(steps: StepNode[], excluded: StepNode[]): StepNode[] {
  const names = new Set(excluded.map((node) => node.step.name));
  return steps.filter((node) => !excluded.includes(node) && !names.has(node.step.name));
}

interface Pools {
  durations: Array<{ key: string; minutes?: number; option: QuizOption }>;
  recurring: Array<{ key: string; minutes?: number; option: QuizOption }>;
  controls: Array<{ zh: string; text: Bilingual; process: string }>;
  forms: Array<{ zh: string; en?: string; processes: Set<string> }>;
}

const poolCache = new WeakMap<Handbook, Map<number, Pools>>();

/** What the whole handbook offers as wrong answers, each once, in a stable order. */
function handbookPools(handbook: Handbook, workdayHours: number): Pools {
  const cached = poolCache.get(handbook)?.get(workdayHours);
  if (cached) return cached;
  const durations = new Map<string, Pools['durations'][number]>();
  const recurring = new Map<string, Pools['recurring'][number]>();
  const controls = new Map<string, Pools['controls'][number]>();
  const forms = new Map<string, Pools['forms'][number]>();
  const entries = [...handbook.entries].sort((a, b) => a.spec.id.localeCompare(b.spec.id));
  for (const entry of entries) {
    for (const node of entry.model.steps) {
      const deadline = node.deadline?.ok ? node.deadline.value : undefined;
      if (deadline && askable(deadline)) {
        const option = deadlineOption(deadline);
        const minutes = deadlineMinutes(deadline, workdayHours);
        const target = minutes === undefined ? recurring : durations;
        if (!target.has(option.key)) target.set(option.key, { key: option.key, ...(minutes !== undefined ? { minutes } : {}), option });
      }
      localizedPair(node.step.controls ?? [], node.step.controlsEn).forEach((text) => {
        if (!controls.has(text['zh-CN'].text)) controls.set(text['zh-CN'].text, { zh: text['zh-CN'].text, text, process: entry.spec.id });
      });
      for (const [list, english] of [[node.step.outputs, node.step.outputsEn], [node.step.inputs, node.step.inputsEn]] as const) {
        const translated = english?.length === list?.length ? english : undefined;
        (list ?? []).forEach((text, i) => {
          const zh = formName(text);
          const form = forms.get(zh) ?? { zh, processes: new Set<string>() };
          // The English of a bare form name only: `Expense claim (with the department's review)` names more than the form.
          if (form.en === undefined && translated && zh === text.replace(/^《|》$/g, '')) form.en = translated[i]!;
          form.processes.add(entry.spec.id);
          forms.set(zh, form);
        });
      }
    }
  }
  const pools = { durations: [...durations.values()], recurring: [...recurring.values()], controls: [...controls.values()], forms: [...forms.values()] };
  const byHours = poolCache.get(handbook) ?? new Map<number, Pools>();
  byHours.set(workdayHours, pools);
  poolCache.set(handbook, byHours);
  return pools;
}

/** The questions' words in both languages. */
function phrasing(numbers: Map<string, number>) {
  const both = (zh: string, en: string): Bilingual => ({ 'zh-CN': { text: zh, lang: 'zh-CN' }, en: { text: en, lang: 'en' } });
  const q = (x: Localized) => (x.lang === 'en' ? `“${x.text}”` : `「${x.text}」`);
  const no = (node: StepNode) => numbers.get(node.step.id)!;
  return {
    refusal: both('审批不同意', 'the approval is refused'),
    role: (s: Bilingual) => both(`哪个岗位负责执行「${s['zh-CN'].text}」？`, `Which role carries out ${q(s.en)}?`),
    roleWhy: (s: Bilingual, node: StepNode, role: Bilingual) => both(`第 ${no(node)} 步「${s['zh-CN'].text}」由${role['zh-CN'].text}执行。`, `Step ${no(node)}, ${q(s.en)}, is carried out by the ${role.en.text}.`),
    deadline: (s: Bilingual) => both(`「${s['zh-CN'].text}」的时间要求是多少？`, `What is the time requirement of ${q(s.en)}?`),
    deadlineWhy: (s: Bilingual, node: StepNode, written: string, reads: Bilingual) =>
      both(`第 ${no(node)} 步「${s['zh-CN'].text}」写明“${written}”，即${reads['zh-CN'].text}。`, `Step ${no(node)}, ${q(s.en)}, must be done ${reads.en.text}.`),
    branch: (s: Bilingual, condition: Bilingual) => both(`「${s['zh-CN'].text}」之后，如果“${condition['zh-CN'].text}”，下一步是什么？`, `After ${q(s.en)}, what comes next when “${condition.en.text}”?`),
    refused: (s: Bilingual) => both(`「${s['zh-CN'].text}」审批不同意时，下一步是什么？`, `When ${q(s.en)} is refused, what comes next?`),
    branchWhy: (s: Bilingual, node: StepNode, condition: Bilingual, target: Bilingual, targetNode: StepNode) =>
      both(`第 ${no(node)} 步「${s['zh-CN'].text}」：${condition['zh-CN'].text} → 第 ${no(targetNode)} 步「${target['zh-CN'].text}」。`, `Step ${no(node)}, ${q(s.en)}: ${condition.en.text} → step ${no(targetNode)}, ${q(target.en)}.`),
    next: (s: Bilingual) => both(`「${s['zh-CN'].text}」完成后，下一步是什么？`, `What comes after ${q(s.en)}?`),
    nextWhy: (s: Bilingual, node: StepNode, target: Bilingual, targetNode: StepNode) =>
      both(`第 ${no(node)} 步「${s['zh-CN'].text}」完成后进入第 ${no(targetNode)} 步「${target['zh-CN'].text}」。`, `Step ${no(node)}, ${q(s.en)}, leads to step ${no(targetNode)}, ${q(target.en)}.`),
    control: (s: Bilingual) => both(`以下哪一项是「${s['zh-CN'].text}」不可省略的控制点？`, `Which of these is a control point of ${q(s.en)} that must not be skipped?`),
    output: (s: Bilingual) => both(`「${s['zh-CN'].text}」产出哪份表单或文件？`, `Which form or document does ${q(s.en)} produce?`),
    listWhy: (field: 'controls' | 'outputs', s: Bilingual, node: StepNode, items: Bilingual[]) =>
      both(
        `第 ${no(node)} 步「${s['zh-CN'].text}」的${field === 'controls' ? '关键控制点' : '输出'}：${items.map((i) => i['zh-CN'].text).join('；')}。`,
        `Step ${no(node)}, ${q(s.en)}, ${field === 'controls' ? 'has these control points' : 'produces'}: ${items.map((i) => i.en.text).join('; ')}.`,
      ),
  };
}

/** A seeded generator (mulberry32 over an FNV-1a hash of the seed): the same seed, the same quiz. */
export function seeded(seed: string): () => number {
  return mulberry32(fnv1a(seed));
}

function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function pick<T>(random: () => number, items: readonly T[], count: number): T[] {
  return shuffle(random, items).slice(0, count);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** A filter keeping the first item of each key. */
function uniqueBy<T>(key: (item: T) => unknown = (item) => item): (item: T) => boolean {
  const seen = new Set<unknown>();
  return (item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true));
}
