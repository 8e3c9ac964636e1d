import type { Process } from '../../schemas/process.ts';
import { SEMVER } from '../../schemas/common.ts';

/** How far apart two versions are: `patch` is wording only; `minor` and `major` change the process. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

type Parts = [number, number, number];

function parts(version: string): Parts | undefined {
  const match = SEMVER.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Orders two semantic versions by major, minor and patch (pre-release tags aside); unparseable ones sort first. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The part that changed going from `from` to `to`. */
export function bumpOf(from: string, to: string): Bump {
  const [x, y] = [parts(from), parts(to)];
  if (!x || !y) return 'none';
  if (x[0] !== y[0]) return 'major';
  if (x[1] !== y[1]) return 'minor';
  return x[2] !== y[2] ? 'patch' : 'none';
}

/** `x.y.z` raised by one part, for suggestions (`undefined` when `version` is not semantic). */
export function nextVersion(version: string, part: 'minor' | 'patch'): string | undefined {
  const p = parts(version);
  if (!p) return undefined;
  return part === 'minor' ? `${p[0]}.${p[1] + 1}.0` : `${p[0]}.${p[1]}.${p[2] + 1}`;
}

/** What a reader follows: the steps, the kind and role of each, and where each leads (wording and deadlines aside). */
function flowShape(spec: Process): string {
  const steps = spec.steps.map((step) => [step.id, step.kind ?? null, step.role ?? null, [step.next ?? []].flat(), step.loop === true, (step.branches ?? []).map((b) => [b.to, b.outcome ?? null, b.loop === true])] as const);
  return JSON.stringify(steps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** A step added or removed, a step's kind or role changed, or the flow between steps redrawn: more than wording. */
export function flowChanged(before: Process, after: Process): boolean {
  return flowShape(before) !== flowShape(after);
}

/** The record of a change itself (its version and history line, the status and lifecycle dates it moves through). */
const BOOKKEEPING = new Set(['version', 'history', 'status', 'lifecycle']);

/** Whether a spec says anything new (front matter or body), its bookkeeping aside. */
export function specChanged(before: { spec: Process; body: string }, after: { spec: Process; body: string }): boolean {
  const content = (spec: Process) => JSON.stringify(Object.entries(spec).filter(([key]) => !BOOKKEEPING.has(key)));
  return before.body !== after.body || content(before.spec) !== content(after.spec);
}
