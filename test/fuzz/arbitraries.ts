/**
 * fast-check arbitraries for specs: the handbook's own specs and generated valid
 * ones, then mutated — keys dropped, types swapped, ids duplicated, graphs rewired
 * into cycles, hostile unicode and huge strings — and their YAML text broken.
 * Mutations are plain data (kind + numbers), so a failing case prints readably
 * and shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Document, isScalar, isSeq, parse, visit } from 'yaml';
import { generateOrg, generateSpec, orgYaml } from '../../scripts/bench/corpus.ts';
import type { TextFile } from './subject.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The handbook's specs and org, read when the tests start (never a copy that could go stale). */
export function handbookSources(): { specs: TextFile[]; org: TextFile } {
  const dir = path.join(ROOT, 'processes');
  const specs = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ file: `processes/${name.split(path.sep).join('/')}`, text: readFileSync(path.join(dir, name), 'utf8') }));
  return { specs, org: { file: 'processes/org.yml', text: readFileSync(path.join(dir, 'org.yml'), 'utf8') } };
}

export const BENCH_ORG: TextFile = { file: 'processes/org.yml', text: orgYaml(generateOrg()) };
const benchOrg = generateOrg();

/** Strings that have broken renderers, parsers and terminals before. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E\u061C',
  '\uFEFF',
  '\uD800',
  '\uDC00x',
  '𝕏😀👨‍👩‍👧‍👦',
  '\u0301\u0301\u0301',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:alert(1)',
  '%%{init: {"securityLevel": "loose"}}%%',
  'click s1 call alert(1)',
  'classDef x fill:#f00',
  '"]',
  'a --> b',
  '&amp;&lt;&#x3C;',
  '{{message}}',
  '${process.exit(1)}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '---',
  '...',
  '*alias',
  '&anchor',
  '!!binary aGVsbG8=',
  '? complex',
  '|',
  '>-',
  '#',
  '- ',
  ': ',
  '@',
  '`',
  '\t',
  '\r',
  '\n\n',
  '1e999',
  '-0',
  '0x1F',
  '.nan',
  'null',
  '~',
  'yes',
  '2026-02-30',
  '99999999999999999999999.0.0',
];

/**
 * Names every object inherits. Spec text looked up in a plain object (`table[text]`) finds these
 * where it should find nothing: a lookup that once ended the whole run (`deadline: __proto__`).
 */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'] as const;

/** Fields whose text the linter looks things up by: ids, roles, departments, references, deadlines, targets. */
const LOOKED_UP = ['deadline', 'role', 'next', 'to', 'id', 'department', 'owner', 'accountable', 'target', 'cadence', 'approvedBy', 'from', 'step', 'category', 'status', 'kind'] as const;

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('投', '诉', '《', '》', '—', '“', '”', '\u200B', '😀', '\u202E'), maxLength: 60 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('长', 'a', '<b>', '\u202E', '𝕏'), fc.integer({ min: 1_000, max: 60_000 })).map(([unit, n]) => unit.repeat(n)) },
);

/** A value of a type a key does not expect. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('id', 'to', 'when', 'name', 'x', ...PROTOTYPE_NAMES), hostileText, { maxKeys: 3 }),
);

export type ObjectMutation =
  | { kind: 'drop'; at: number }
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'unknownKey'; at: number; key: string }
  | { kind: 'duplicateStep'; at: number }
  | { kind: 'rewire'; from: number; to: number; branch: boolean }
  | { kind: 'danglingRef'; from: number; ref: string }
  | { kind: 'duplicateId'; value: string }
  /** Every value of one field, wherever it occurs, becomes a prototype name. */
  | { kind: 'prototypeName'; field: string; name: string };

export const objectMutation: fc.Arbitrary<ObjectMutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: wrongValue }),
  fc.record({ kind: fc.constant('unknownKey' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom('titel', 'nxt', 'rol', ...PROTOTYPE_NAMES), hostileText) }),
  fc.record({ kind: fc.constant('duplicateStep' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('rewire' as const), from: fc.nat(), to: fc.nat(), branch: fc.boolean() }),
  fc.record({ kind: fc.constant('danglingRef' as const), from: fc.nat(), ref: fc.oneof(fc.constantFrom('missing-step', 'Not-Kebab', ...PROTOTYPE_NAMES), hostileText) }),
  fc.record({ kind: fc.constant('duplicateId' as const), value: fc.constantFrom('customer-complaint', 'complaint-1', 'purchase-2', ...PROTOTYPE_NAMES) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('prototypeName' as const), field: fc.constantFrom(...LOOKED_UP), name: fc.constantFrom(...PROTOTYPE_NAMES) }) },
);

export type TextMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'tab'; line: number }
  | { kind: 'indent'; line: number; delta: number }
  | { kind: 'quote'; line: number; quote: string }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'anchor'; line: number; alias: number }
  | { kind: 'laughs'; depth: number }
  | { kind: 'crlf' }
  | { kind: 'bom' }
  | { kind: 'dropFence'; which: 'open' | 'close' }
  | { kind: 'nest'; depth: number; flow: boolean };

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: hostileText }),
  fc.record({ kind: fc.constant('tab' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('quote' as const), line: fc.nat(), quote: fc.constantFrom('"', "'", '["', '{', '[', '`') }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('anchor' as const), line: fc.nat(), alias: fc.nat() }),
  fc.record({ kind: fc.constant('laughs' as const), depth: fc.integer({ min: 1, max: 12 }) }),
  fc.constant({ kind: 'crlf' as const }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({ kind: fc.constant('dropFence' as const), which: fc.constantFrom('open' as const, 'close' as const) }),
  fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 10, max: 3_000 }), flow: fc.boolean() }),
);

/** Unusual but legal file names: the result must still name every input file. */
const FILE_NAMES = ['processes/business/投诉 处理.md', 'processes/Business/UPPER.md', 'processes/a/b/c/d/deep.md', 'processes/business/\u202Eevil.md', 'processes/business/😀.md', 'x.md', 'processes/business/customer-complaint.MD'];

export interface FileRecipe {
  source: { from: 'handbook'; index: number } | { from: 'generated'; seed: number };
  /** Index into FILE_NAMES, or the spec's own path. */
  name?: number;
  objectMutations: ObjectMutation[];
  textMutations: TextMutation[];
}

export const fileRecipe: fc.Arbitrary<FileRecipe> = fc.record({
  source: fc.oneof(
    fc.record({ from: fc.constant('handbook' as const), index: fc.nat() }),
    fc.record({ from: fc.constant('generated' as const), seed: fc.nat({ max: 1_000_000 }) }),
  ),
  objectMutations: fc.oneof({ weight: 1, arbitrary: fc.constant<ObjectMutation[]>([]) }, { weight: 3, arbitrary: fc.array(objectMutation, { minLength: 1, maxLength: 4 }) }),
  textMutations: fc.oneof({ weight: 2, arbitrary: fc.constant<TextMutation[]>([]) }, { weight: 1, arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 3 }) }),
  name: fc.option(fc.nat({ max: FILE_NAMES.length - 1 }), { nil: undefined, freq: 6 }),
}, { requiredKeys: ['source', 'objectMutations', 'textMutations'] });

export interface CaseRecipe {
  files: FileRecipe[];
  org: 'handbook' | 'bench' | 'none' | { mutated: TextMutation[] };
  locale: 'en' | 'zh-CN';
}

export const caseRecipe: fc.Arbitrary<CaseRecipe> = fc.record({
  files: fc.array(fileRecipe, { minLength: 1, maxLength: 4 }),
  org: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('handbook' as const, 'bench' as const) },
    { weight: 1, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.record({ mutated: fc.array(textMutation, { minLength: 1, maxLength: 2 }) }) },
  ),
  locale: fc.constantFrom('en' as const, 'zh-CN' as const),
});

export interface BuiltCase {
  files: TextFile[];
  org?: TextFile;
  locale: 'en' | 'zh-CN';
}

/** Turns a recipe into files; file names are unique so every input can be looked for in the result. */
export function buildCase(recipe: CaseRecipe, handbook: { specs: TextFile[]; org: TextFile }): BuiltCase {
  const used = new Set<string>();
  const files = recipe.files.map((file, index) => {
    const built = buildFile(file, handbook.specs);
    let name = built.file;
    if (used.has(name)) name = name.replace(/(\.[^./]*)?$/, `-${index}$1`);
    used.add(name);
    return { file: name, text: built.text };
  });
  const org =
    recipe.org === 'none'
      ? undefined
      : recipe.org === 'handbook'
        ? handbook.org
        : recipe.org === 'bench'
          ? BENCH_ORG
          : { file: 'processes/org.yml', text: recipe.org.mutated.reduce(applyTextMutation, handbook.org.text) };
  return { files, ...(org ? { org } : {}), locale: recipe.locale };
}

export function buildFile(recipe: FileRecipe, handbookSpecs: TextFile[]): TextFile {
  let base: TextFile;
  if (recipe.source.from === 'handbook' && handbookSpecs.length > 0) {
    base = handbookSpecs[recipe.source.index % handbookSpecs.length]!;
  } else {
    const seed = recipe.source.from === 'generated' ? recipe.source.seed : 0;
    const generated = generateSpec(seed % 5_000, 5_000, benchOrg, 1 + Math.floor(seed / 5_000));
    base = { file: generated.path, text: generated.text };
  }
  let text = base.text;
  if (recipe.objectMutations.length > 0) text = mutateObject(text, recipe.objectMutations);
  text = recipe.textMutations.reduce(applyTextMutation, text);
  return { file: recipe.name === undefined ? base.file : FILE_NAMES[recipe.name]!, text };
}

/** Parses the front matter, applies the mutations to the data, and writes the spec back. */
function mutateObject(text: string, mutations: ObjectMutation[]): string {
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) return text;
  let data: unknown;
  try {
    data = parse(match[1]!, { version: '1.2' });
  } catch {
    return text;
  }
  for (const mutation of mutations) data = applyObjectMutation(data, mutation);
  const doc = new Document(data, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_, seq) {
      if (isSeq(seq) && seq.items.every((item) => isScalar(item))) seq.flow = true;
    },
  });
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${match[2]}`;
}

type Json = unknown;
type Slot = { parent: Record<string, Json> | Json[]; key: string | number };

/** Every place in a value where something could be dropped or replaced, in a stable order. */
function slots(value: Json): Slot[] {
  const out: Slot[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        out.push({ parent: node, key: index });
        walk(child);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        out.push({ parent: node as Record<string, Json>, key });
        walk((node as Record<string, Json>)[key]);
      }
    }
  };
  walk(value);
  return out;
}

function stepsOf(data: Json): Array<Record<string, Json>> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  const steps = (data as Record<string, Json>).steps;
  return Array.isArray(steps) ? (steps.filter((step) => step !== null && typeof step === 'object' && !Array.isArray(step)) as Array<Record<string, Json>>) : [];
}

export function applyObjectMutation(data: Json, mutation: ObjectMutation): Json {
  const all = slots(data);
  const steps = stepsOf(data);
  switch (mutation.kind) {
    case 'drop': {
      const slot = all[mutation.at % Math.max(all.length, 1)];
      if (!slot) return data;
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      return data;
    }
    case 'set': {
      const slot = all[mutation.at % Math.max(all.length, 1)];
      if (!slot) return mutation.value;
      (slot.parent as Record<string | number, Json>)[slot.key] = structuredClone(mutation.value);
      return data;
    }
    case 'unknownKey': {
      const objects = [data, ...all.map((slot) => (slot.parent as Record<string | number, Json>)[slot.key])].filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)) as Array<Record<string, Json>>;
      const target = objects[mutation.at % Math.max(objects.length, 1)];
      if (target) Object.defineProperty(target, mutation.key, { value: 'x', enumerable: true, configurable: true, writable: true });
      return data;
    }
    case 'duplicateStep': {
      const step = steps[mutation.at % Math.max(steps.length, 1)];
      if (step) ((data as Record<string, Json>).steps as Json[]).push(structuredClone(step));
      return data;
    }
    case 'rewire': {
      // Points a step back at an earlier (or the same) step without `loop: true`: an undeclared cycle.
      if (steps.length === 0) return data;
      const from = steps[mutation.from % steps.length]!;
      const to = steps[mutation.to % (steps.indexOf(from) + 1)]!;
      if (mutation.branch) from.branches = [{ when: '回退', to: to.id }, { when: '继续', to: to.id }];
      else {
        delete from.branches;
        from.next = to.id;
      }
      return data;
    }
    case 'danglingRef': {
      if (steps.length === 0) return data;
      steps[mutation.from % steps.length]!.next = mutation.ref;
      return data;
    }
    case 'duplicateId': {
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) (data as Record<string, Json>).id = mutation.value;
      return data;
    }
    case 'prototypeName': {
      for (const slot of all) if (slot.key === mutation.field) (slot.parent as Record<string | number, Json>)[slot.key] = mutation.name;
      return data;
    }
  }
}

export function applyTextMutation(text: string, mutation: TextMutation): string {
  const lines = text.split('\n');
  const lineAt = (n: number) => n % Math.max(lines.length, 1);
  switch (mutation.kind) {
    case 'truncate':
      return text.slice(0, mutation.at % (text.length + 1));
    case 'insert': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'tab': {
      const i = lineAt(mutation.line);
      lines[i] = `\t${lines[i]}`;
      return lines.join('\n');
    }
    case 'indent': {
      const i = lineAt(mutation.line);
      lines[i] = mutation.delta >= 0 ? ' '.repeat(mutation.delta) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-mutation.delta}}`), '');
      return lines.join('\n');
    }
    case 'quote': {
      const i = lineAt(mutation.line);
      lines[i] = lines[i]!.replace(/: /, `: ${mutation.quote}`);
      return lines.join('\n');
    }
    case 'deleteLine':
      lines.splice(lineAt(mutation.line), 1);
      return lines.join('\n');
    case 'duplicateLine': {
      const i = lineAt(mutation.line);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'anchor': {
      // `key: &x value` on one line, `*x` as the value of another.
      const i = lineAt(mutation.line);
      const j = lineAt(mutation.alias);
      lines[i] = lines[i]!.replace(/: (?=\S)/, ': &x ');
      lines[j] = lines[j]!.replace(/: .*$/, ': *x');
      return lines.join('\n');
    }
    case 'laughs': {
      const bomb = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let d = 1; d <= mutation.depth; d++) bomb.push(`lol${d}: &l${d} [${Array(9).fill(`*l${d - 1}`).join(', ')}]`);
      return text.replace(/^---\n/, `---\n${bomb.join('\n')}\n`);
    }
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'bom':
      return `\uFEFF${text}`;
    case 'dropFence':
      return mutation.which === 'open' ? text.replace(/^---\n/, '') : text.replace(/\n---\n(?![\s\S]*\n---\n)/, '\n');
    case 'nest': {
      const deep = mutation.flow
        ? `deep: ${'['.repeat(mutation.depth)}${']'.repeat(mutation.depth)}`
        : Array.from({ length: Math.min(mutation.depth, 1_000) }, (_, d) => `${' '.repeat(d)}k${d}:`).join('\n') + ' 1';
      return text.replace(/^---\n/, `---\n${deep}\n`);
    }
  }
}
