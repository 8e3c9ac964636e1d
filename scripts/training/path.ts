/**
 * A role's learning path: the processes it takes part in, in the order a new hire should learn
 * them (where the role does the work first, then where it answers for it, is consulted, is
 * informed; within each, a process before the ones the scope names downstream of it), with a
 * reading-time estimate. Pure; reads the handbook's duty index (the RACI the role pages show).
 */
import type { Locale } from '../core/messages.ts';
import type { Handbook, HandbookEntry, RaciLetter } from '../model/handbook.ts';

export interface PathStop {
  entry: HandbookEntry;
  /** The role's strongest part in the process: R before A before C before I. */
  letter: RaciLetter;
  /** Every part it has, in that order. */
  letters: RaciLetter[];
  /** Ids of the steps the role carries out. */
  steps: string[];
}

const RANK: Record<RaciLetter, number> = { R: 0, A: 1, C: 2, I: 3 };

/**
 * The processes in force the role takes part in, in learning order. `order` is the handbook's
 * reading order (the site's catalogue order), kept where nothing else decides.
 */
export function learningPath(handbook: Handbook, role: string, order: HandbookEntry[] = handbook.entries): PathStop[] {
  const byProcess = new Map<HandbookEntry, { letters: Set<RaciLetter>; steps: string[] }>();
  for (const duty of handbook.duties.get(role) ?? []) {
    if (duty.process.spec.status !== 'published') continue;
    const stop = byProcess.get(duty.process) ?? { letters: new Set<RaciLetter>(), steps: [] };
    duty.letters.forEach((letter) => stop.letters.add(letter));
    if (duty.letters.includes('R')) stop.steps.push(duty.node.step.id);
    byProcess.set(duty.process, stop);
  }
  const stops = order
    .filter((entry) => byProcess.has(entry))
    .map((entry): PathStop => {
      const { letters, steps } = byProcess.get(entry)!;
      const sorted = [...letters].sort((a, b) => RANK[a] - RANK[b]);
      return { entry, letter: sorted[0]!, letters: sorted, steps };
    });
  const groups = (['R', 'A', 'C', 'I'] as const).map((letter) => upstreamFirst(stops.filter((stop) => stop.letter === letter)));
  return groups.flat();
}

/**
 * Keeps the given order except where a scope says one process is upstream of another: then the
 * upstream one comes first (a stable topological order; a cycle of upstream claims keeps the order).
 */
function upstreamFirst(stops: PathStop[]): PathStop[] {
  const ids = new Set(stops.map((stop) => stop.entry.spec.id));
  const before = new Map<string, Set<string>>(stops.map((stop) => [stop.entry.spec.id, new Set<string>()]));
  for (const stop of stops) {
    const { id, scope } = stop.entry.spec;
    for (const up of scope.upstream ?? []) if (ids.has(up) && up !== id) before.get(id)!.add(up);
    for (const down of scope.downstream ?? []) if (ids.has(down) && down !== id) before.get(down)!.add(id);
  }
  const placed = new Set<string>();
  const result: PathStop[] = [];
  const waiting = [...stops];
  while (waiting.length > 0) {
    const index = waiting.findIndex((stop) => [...before.get(stop.entry.spec.id)!].every((up) => placed.has(up)));
    const [next] = waiting.splice(index === -1 ? 0 : index, 1);
    placed.add(next!.entry.spec.id);
    result.push(next!);
  }
  return result;
}

/** Study reading speed (slower than skimming): Chinese characters or English words a minute. */
const PER_MINUTE: Record<Locale, number> = { 'zh-CN': 200, en: 150 };

/**
 * Minutes to read a process the way the path presents it: the role's own steps in full (name,
 * action, inputs, outputs, controls, tools, conditions), the whole flow by step name; at least one.
 */
export function readingMinutes(entry: HandbookEntry, steps: readonly string[], locale: Locale): number {
  const own = new Set(steps);
  const texts: string[] = [];
  for (const { step } of entry.model.steps) {
    const en = locale === 'en';
    texts.push(en ? step.nameEn ?? step.name : step.name);
    if (!own.has(step.id)) continue;
    const pick = (zh: string | readonly string[] | undefined, english: string | readonly string[] | undefined) => [(en ? english ?? zh : zh) ?? []].flat();
    texts.push(...pick(step.action, step.actionEn), ...pick(step.inputs, step.inputsEn), ...pick(step.outputs, step.outputsEn), ...pick(step.controls, step.controlsEn), ...pick(step.tools, step.toolsEn));
    for (const branch of step.branches ?? []) texts.push(...pick(branch.when, branch.whenEn));
  }
  return Math.max(1, Math.round(textLength(texts.join(' '), locale) / PER_MINUTE[locale]));
}

const words = new Intl.Segmenter('en', { granularity: 'word' });

/** Chinese counts characters (Han and other letters, not spaces or punctuation); English counts words. */
function textLength(text: string, locale: Locale): number {
  if (locale === 'zh-CN') return [...text].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length;
  return [...words.segment(text)].filter((segment) => segment.isWordLike).length;
}
