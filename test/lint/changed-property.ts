import fc from 'fast-check';
import { lintProject, memorySource } from '../../scripts/lint/project.ts';
import type { FileResult } from '../../scripts/lint/resolve.ts';
import { ORG, spec } from './helpers.ts';

/**
 * `--changed` is a gate: whatever a change does to the handbook, it must report every spec whose
 * findings the change altered, with the findings a full lint gives. Random handbooks (links to steps,
 * paths and forms, up- and downstream ids, renamed and broken specs, a forms registry or none) meet
 * random edits (a form, step or process renamed or removed, a file moved or deleted, a spec added,
 * a spec reworded without changing what it defines,
 * org.yml changed, a form registered or unregistered, the registry removed).
 */

type Link = { kind: 'step'; to: number; step: 'receive' | 'check' } | { kind: 'path'; to: number } | { kind: 'form'; form: number } | { kind: 'missing' };

interface SpecPlan {
  /** Deleted by an edit: its file is gone, the links to it stay. */
  deleted?: boolean;
  folder: 'a' | 'b';
  id: string;
  broken: boolean;
  /** Its steps after `receive`. */
  check: boolean;
  /** Its body says a sentence more: an edit that leaves what it defines as it was. */
  reworded?: boolean;
  makes: number[];
  upstream: number[];
  links: Link[];
}

interface Plan {
  specs: SpecPlan[];
  /** The org registry has a second role, used by nobody until an edit. */
  org: string;
  /** The forms registered in `processes/forms.yml` (表0 … 表4), or no registry at all. */
  forms: number[] | null;
}

type Edit =
  | { kind: 'rename-form'; spec: number }
  | { kind: 'drop-step'; spec: number }
  | { kind: 'reword'; spec: number }
  | { kind: 'rename-id'; spec: number }
  | { kind: 'delete'; spec: number }
  | { kind: 'move'; spec: number }
  | { kind: 'break'; spec: number }
  | { kind: 'add'; makes: number; links: Link[] }
  | { kind: 'org' }
  | { kind: 'register'; form: number }
  | { kind: 'no-registry' };

const link = (count: number): fc.Arbitrary<Link> =>
  fc.oneof(
    fc.record({ kind: fc.constant('step' as const), to: fc.nat(count - 1), step: fc.constantFrom('receive' as const, 'check' as const) }),
    fc.record({ kind: fc.constant('path' as const), to: fc.nat(count - 1) }),
    fc.record({ kind: fc.constant('form' as const), form: fc.nat(4) }),
    fc.constant({ kind: 'missing' as const }),
  );

const planArbitrary = fc.integer({ min: 2, max: 9 }).chain((count) =>
  fc.record({
    specs: fc.tuple(
      ...Array.from({ length: count }, (_, i) =>
        fc.record({
          folder: fc.constantFrom('a' as const, 'b' as const),
          id: fc.nat(9).map((n) => (n < 1 ? `q${i}-other` : `q${i}`)),
          broken: fc.nat(9).map((n) => n < 1),
          check: fc.boolean(),
          makes: fc.array(fc.nat(4), { maxLength: 2 }),
          upstream: fc.array(fc.nat(count), { maxLength: 2 }),
          links: fc.array(link(count), { maxLength: 3 }),
        }),
      ),
    ),
    org: fc.constant(ORG),
    forms: fc.option(fc.uniqueArray(fc.nat(4), { maxLength: 5 }), { nil: null }),
  }),
);

const editArbitrary = (count: number): fc.Arbitrary<Edit> =>
  fc.oneof(
    fc.record({ kind: fc.constantFrom('rename-form' as const, 'drop-step' as const, 'reword' as const, 'rename-id' as const, 'delete' as const, 'move' as const, 'break' as const), spec: fc.nat(count - 1) }),
    fc.record({ kind: fc.constant('add' as const), makes: fc.nat(4), links: fc.array(link(count), { maxLength: 2 }) }),
    fc.constant({ kind: 'org' as const }),
    fc.record({ kind: fc.constant('register' as const), form: fc.nat(4) }),
    fc.constant({ kind: 'no-registry' as const }),
  );

function where(plan: SpecPlan, i: number): string {
  return `processes/${plan.folder}/q${i}.md`;
}

function texts(plan: Plan): Map<string, string> {
  const out = new Map<string, string>([['processes/org.yml', plan.org]]);
  if (plan.forms) out.set('processes/forms.yml', `forms:\n${plan.forms.map((f) => `  - { id: form-${f}, name: 表${f}, description: 表单。, owner: cs-agent, location: { system: OA } }\n`).join('')}`.replace('forms:\n', plan.forms.length ? 'forms:\n' : 'forms: []\n'));
  plan.specs.forEach((p, i) => {
    if (p.deleted) return;
    const body = p.links
      .map((l) => {
        if (l.kind === 'step') return `[步骤](../${plan.specs[l.to]!.folder}/q${l.to}.md#${l.step})`;
        if (l.kind === 'path') return `[流程](../${plan.specs[l.to]!.folder}/q${l.to}.md)`;
        if (l.kind === 'form') return `[表单](form:表${l.form})`;
        return '[缺失](nowhere.md)';
      })
      .join('，');
    const outputs = p.makes.length ? `    outputs: [${p.makes.map((f) => `《表${f}》`).join(', ')}]\n` : '';
    const check = p.check ? '    next: check\n  - id: check\n    name: 核对\n    role: cs-agent\n    deadline: 1h\n' : '';
    let text = spec(p.id, outputs + check, `${body || '正文'}。\n${p.reworded ? '补充一句说明。\n' : ''}`);
    if (p.upstream.length) text = text.replace('  end: 结束\n', `  end: 结束\n  upstream: [${p.upstream.map((u) => `q${u}`).join(', ')}]\n`);
    if (p.broken) text = text.replace('title:', 'title: [unclosed\n');
    out.set(where(p, i), text);
  });
  return out;
}

function apply(plan: Plan, edit: Edit): Plan {
  const specs = plan.specs.map((p) => ({ ...p }));
  const target = 'spec' in edit ? specs[edit.spec]! : undefined;
  switch (edit.kind) {
    case 'rename-form':
      target!.makes = target!.makes.map((f) => (f + 1) % 5);
      break;
    case 'drop-step':
      target!.check = !target!.check;
      break;
    case 'reword':
      target!.reworded = !target!.reworded;
      break;
    case 'rename-id':
      target!.id = target!.id.endsWith('-other') ? target!.id.replace('-other', '') : `${target!.id}-other`;
      break;
    case 'delete':
      target!.deleted = true;
      break;
    case 'move':
      target!.folder = target!.folder === 'a' ? 'b' : 'a';
      break;
    case 'break':
      target!.broken = !target!.broken;
      break;
    case 'add':
      specs.push({ folder: 'a', id: `q${specs.length}`, broken: false, check: false, makes: [edit.makes], upstream: [], links: edit.links });
      break;
    case 'org':
      return { ...plan, specs, org: plan.org.replace('id: cs-agent', 'id: cs-agent-renamed') };
    case 'register': {
      // Registered when it was not, unregistered when it was; a handbook without a registry gains one.
      const forms = plan.forms ?? [];
      return { ...plan, specs, forms: forms.includes(edit.form) ? forms.filter((f) => f !== edit.form) : [...forms, edit.form] };
    }
    case 'no-registry':
      return { ...plan, specs, forms: null };
  }
  return { ...plan, specs };
}

async function fullLint(files: Map<string, string>): Promise<Map<string, FileResult>> {
  const specs = [...files.keys()].filter((file) => file.endsWith('.md'));
  const run = await lintProject({ source: memorySource(files), specs, today: '2026-06-01' });
  return new Map(run.results.map((result) => [result.file, result]));
}

/** Checks the property on `runs` random handbooks and edits; throws with the counterexample on failure. */
export async function checkChangedProperty(runs: number, seed: number): Promise<void> {
  const arbitrary = planArbitrary.chain((plan) => fc.tuple(fc.constant(plan), editArbitrary(plan.specs.length)));
  await fc.assert(
    fc.asyncProperty(arbitrary, async ([plan, edit]) => {
      const before = texts(plan);
      const after = texts(apply(plan, edit));
      const paths = [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file));
      const [full, was] = [await fullLint(after), await fullLint(before)];
      const specs = [...after.keys()].filter((file) => file.endsWith('.md'));
      const gate = await lintProject({ source: memorySource(after), specs, today: '2026-06-01', changed: { base: memorySource(before), paths } });
      const reported = new Map(gate.results.map((result) => [result.file, result]));
      for (const [file, result] of full) {
        const moved = JSON.stringify(result) !== JSON.stringify(was.get(file));
        if (moved && !reported.has(file)) throw new Error(`--changed missed ${file}, whose findings changed:\n${JSON.stringify(result.findings, null, 1)}`);
      }
      for (const [file, result] of reported) {
        if (JSON.stringify(result) !== JSON.stringify(full.get(file))) throw new Error(`--changed reports ${file} differently from a full lint`);
      }
    }),
    { numRuns: runs, seed },
  );
}
