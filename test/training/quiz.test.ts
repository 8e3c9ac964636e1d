import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import type { Process } from '../../schemas/process.ts';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { parseDeadline } from '../../scripts/model/deadline.ts';
import { stepNumbers } from '../../scripts/model/graph.ts';
import { formName, buildHandbook, type Handbook } from '../../scripts/model/handbook.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { generateQuiz, type QuizQuestion } from '../../scripts/training/quiz.ts';

const org = indexOrg(loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!);
const specs = globSync('processes/**/*.md')
  .sort()
  .map((file) => ({ file, spec: loadSpec(file, readFileSync(file)).spec! }));
const handbook = buildHandbook(specs, org);
const expense = specs.find(({ spec }) => spec.id === 'expense-reimbursement')!.spec;

/** The handbook with one spec replaced. */
function withSpec(spec: Process): Handbook {
  return buildHandbook(
    specs.map((entry) => (entry.spec.id === spec.id ? { file: entry.file, spec } : entry)),
    org,
  );
}

function quizOf(spec: Process, book = withSpec(spec)) {
  return generateQuiz(book.byId.get(spec.id)![0]!, book);
}

const keyOf = (question: QuizQuestion) => question.options[question.answer]!.key;
const wrongKeys = (question: QuizQuestion) => question.options.filter((_, i) => i !== question.answer).map((option) => option.key);
const bareDeadline = (text: string) => {
  const parse = parseDeadline(text);
  if (!parse.ok) return undefined;
  const { anchor: _anchor, ...rest } = parse.value as { anchor?: unknown };
  return rest;
};

/** The spec's own statement of a question's fact, read straight from the front matter. */
function checkAgainstSpec(spec: Process, question: QuizQuestion): void {
  const step = spec.steps.find((s) => s.id === question.source.step)!;
  expect(step, `${spec.id} ${question.id}: the step exists`).toBeDefined();
  const answer = question.options[question.answer]!;
  switch (question.kind) {
    case 'role':
      expect(step.role).toBeDefined();
      expect(keyOf(question)).toBe(`role:${step.role}`);
      expect(answer.text['zh-CN'].text).toBe(org.roles.get(step.role!)!.name);
      // The role that takes over on recusal would be right too: never offered.
      expect(wrongKeys(question)).not.toContain(`role:${step.role}`);
      if (step.recuseTo) expect(wrongKeys(question)).not.toContain(`role:${step.recuseTo}`);
      break;
    case 'deadline': {
      expect(step.deadline).toBeDefined();
      const written = bareDeadline(step.deadline!);
      const read = bareDeadline(answer.text['zh-CN'].text);
      // 当日（下班前） reads back only as the same-day rule.
      if (read) expect(read).toEqual(written);
      else expect(written).toMatchObject({ sameDay: true });
      for (const wrong of question.options.filter((_, i) => i !== question.answer)) expect(bareDeadline(wrong.text['zh-CN'].text)).not.toEqual(written);
      break;
    }
    case 'branch':
    case 'refused': {
      const branch = step.branches![question.source.index!]!;
      expect(keyOf(question)).toBe(`step:${branch.to}`);
      expect(answer.text['zh-CN'].text).toBe(spec.steps.find((s) => s.id === branch.to)!.name);
      if (question.kind === 'branch') expect(question.prompt['zh-CN'].text).toContain(branch.when!);
      else {
        expect(step.kind).toBe('approval');
        expect(branch.outcome).toBe('rejected');
        expect(step.branches!.filter((b) => b.outcome === 'rejected')).toHaveLength(1);
      }
      const sameCondition = step.branches!.filter((b) => b.when === branch.when).map((b) => `step:${b.to}`);
      for (const key of wrongKeys(question)) expect(sameCondition).not.toContain(key);
      break;
    }
    case 'next':
      expect(step.branches ?? []).toHaveLength(0);
      expect(keyOf(question)).toBe(`step:${step.next}`);
      break;
    case 'control':
      expect(answer.text['zh-CN'].text).toBe(step.controls![question.source.index!]);
      for (const wrong of question.options.filter((_, i) => i !== question.answer)) expect(step.controls).not.toContain(wrong.text['zh-CN'].text);
      break;
    case 'output': {
      const own = (step.outputs ?? []).map(formName);
      expect(keyOf(question)).toBe(`form:${formName(step.outputs![question.source.index!]!)}`);
      for (const key of wrongKeys(question)) expect(own.map((name) => `form:${name}`)).not.toContain(key);
      break;
    }
  }
}

describe('the quiz of a process', () => {
  it('asks only what the spec states: every answer is the spec’s fact, no wrong option is also right', () => {
    let asked = 0;
    for (const entry of handbook.entries) {
      const quiz = generateQuiz(entry, handbook);
      for (const question of quiz.questions) {
        expect(question.options.length, question.id).toBeGreaterThanOrEqual(3);
        expect(new Set(question.options.map((o) => o.key)).size, `${entry.spec.id} ${question.id}: distinct options`).toBe(question.options.length);
        expect(new Set(question.options.map((o) => o.text['zh-CN'].text)).size).toBe(question.options.length);
        checkAgainstSpec(entry.spec, question);
        asked++;
      }
    }
    expect(asked).toBeGreaterThan(handbook.entries.length * 4);
  });

  it('draws wrong answers from the same handbook', () => {
    const controls = new Set(specs.flatMap(({ spec }) => spec.steps.flatMap((step) => step.controls ?? [])));
    const forms = new Set(specs.flatMap(({ spec }) => spec.steps.flatMap((step) => [...(step.outputs ?? []), ...(step.inputs ?? [])].map(formName))));
    const deadlines = specs.flatMap(({ spec }) => spec.steps.flatMap((step) => (step.deadline ? [bareDeadline(step.deadline)] : [])));
    const quiz = generateQuiz(handbook.byId.get('expense-reimbursement')![0]!, handbook);
    for (const question of quiz.questions) {
      for (const option of question.options) {
        const [kind, value] = [option.key.slice(0, option.key.indexOf(':')), option.key.slice(option.key.indexOf(':') + 1)];
        if (kind === 'role') expect(org.roles.has(value)).toBe(true);
        if (kind === 'control') expect(controls.has(value)).toBe(true);
        if (kind === 'form') expect(forms.has(value)).toBe(true);
        if (kind === 'step') expect(expense.steps.map((s) => s.id)).toContain(value);
        if (kind === 'deadline' && bareDeadline(value)) expect(deadlines).toContainEqual(bareDeadline(value));
      }
    }
  });

  it('asks nothing about a field the spec leaves out', () => {
    // Given the expense process with a step stripped of role, deadline, controls and outputs, and one role unknown to the org
    const stripped: Process = structuredClone(expense);
    const submit = stripped.steps.find((s) => s.id === 'submit')!;
    delete submit.role;
    delete submit.deadline;
    delete submit.controls;
    delete submit.controlsEn;
    delete submit.outputs;
    delete submit.outputsEn;
    stripped.steps.find((s) => s.id === 'pay')!.role = 'nobody-knows';
    // When its quiz is generated with room for every question
    const quiz = generateQuiz(withSpec(stripped).byId.get(stripped.id)![0]!, withSpec(stripped), { max: 1000 });
    // Then no question is about what is missing
    const about = (step: string) => quiz.questions.filter((q) => q.source.step === step).map((q) => q.source.field);
    expect(about('submit')).not.toEqual(expect.arrayContaining(['role']));
    for (const field of ['role', 'deadline', 'controls', 'outputs']) expect(about('submit')).not.toContain(field);
    expect(about('pay')).not.toContain('role');
    // …while the fields that are there still are asked about
    expect(about('submit')).toContain('next');
    expect(about('dept-review')).toEqual(expect.arrayContaining(['role', 'deadline', 'controls', 'outputs']));
    for (const question of quiz.questions) checkAgainstSpec(stripped, question);
  });

  it('asks about a refusal only where one step follows it', () => {
    const quiz = generateQuiz(handbook.byId.get('expense-reimbursement')![0]!, handbook, { max: 1000 });
    // finance-review refuses in one way (back to the claimant); the managers refuse in two, so the condition is asked.
    expect(quiz.questions.filter((q) => q.kind === 'refused').map((q) => q.source.step)).toEqual(['dept-review', 'finance-review']);
    expect(quiz.questions.filter((q) => q.kind === 'branch' && q.source.step === 'manager-approve')).toHaveLength(3);
  });

  it('is the same quiz for the same process version, and another for the next version', () => {
    const again = buildHandbook(specs.map((entry) => ({ ...entry, spec: structuredClone(entry.spec) })), org);
    const first = quizOf(expense, handbook);
    expect(generateQuiz(again.byId.get(expense.id)![0]!, again)).toEqual(first);
    const next = quizOf({ ...expense, version: '1.6.0' });
    expect(next.version).toBe('1.6.0');
    expect(next.questions.map((q) => [q.id, q.options.map((o) => o.key)])).not.toEqual(first.questions.map((q) => [q.id, q.options.map((o) => o.key)]));
  });

  it('asks the same questions in both languages, in English where the spec has it', () => {
    const quiz = quizOf(expense, handbook);
    const roleQuestion = generateQuiz(handbook.byId.get(expense.id)![0]!, handbook, { max: 1000 }).questions.find((q) => q.id === 'role:finance-review')!;
    expect(roleQuestion.prompt).toEqual({ 'zh-CN': { text: '哪个岗位负责执行「财务审核」？', lang: 'zh-CN' }, en: { text: 'Which role carries out “Finance review”?', lang: 'en' } });
    expect(roleQuestion.options[roleQuestion.answer]!.text.en).toEqual({ text: 'Accountant', lang: 'en' });
    for (const question of quiz.questions) for (const option of question.options) expect(option.text.en.lang, `${question.id} ${option.key}`).toBe('en');
  });

  it('keeps at most the number of questions asked for, in flow order', () => {
    const quiz = generateQuiz(handbook.byId.get(expense.id)![0]!, handbook, { max: 5 });
    expect(quiz.questions).toHaveLength(5);
    expect(new Set(quiz.questions.map((q) => q.kind)).size).toBeGreaterThanOrEqual(4);
    const numbers = stepNumbers(handbook.byId.get(expense.id)![0]!.model);
    const positions = quiz.questions.map((q) => numbers.get(q.source.step)!);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
