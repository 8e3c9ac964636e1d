import { describe, expect, it } from 'vitest';
import type { Process, Step } from '../../schemas/process.ts';
import { canReachEnd, criticalPath, reachableFrom, reachableFromStart, undeclaredCycles } from '../../scripts/model/graph.ts';
import { buildModel, resolveAnchor } from '../../scripts/model/process-model.ts';

const spec = (steps: Step[]): Process => ({
  id: 'p',
  title: 'P',
  category: 'business',
  department: 'd',
  owner: 'r',
  version: '1.0.0',
  status: 'draft',
  goal: 'g',
  scope: { start: 's', end: 'e' },
  steps,
});
const step = (id: string, deadline: string, rest: Partial<Step> = {}): Step => ({ id, name: id, role: 'r', deadline, ...rest });

describe('criticalPath', () => {
  it('counts a parallel section once, at its slowest branch', () => {
    const model = buildModel(spec([
      step('a', '1h', { next: ['b', 'c'] }),
      step('b', '2 workdays', { next: 'd' }),
      step('c', '3h', { next: 'd' }),
      step('d', '30m'),
    ]));
    const path = criticalPath(model, 8);
    expect(path).toEqual({ minutes: 60 + 2 * 8 * 60 + 30, path: ['a', 'b', 'd'], uncounted: [] });
  });

  it('takes the longest alternative of a decision and ignores declared loops', () => {
    const model = buildModel(spec([
      step('check', '1h', { branches: [{ when: 'ok', to: 'done' }, { when: 'incomplete', to: 'fix' }] }),
      step('fix', '1 workday', { branches: [{ when: 'again', to: 'check', loop: true }, { when: 'fixed', to: 'done' }] }),
      step('done', '即时'),
    ]));
    expect(criticalPath(model, 7.5)?.minutes).toBe(60 + 7.5 * 60);
  });

  it('finishes a relative deadline after its anchor step, not after its predecessor', () => {
    const model = buildModel(spec([
      step('receive', '即时', { name: '投诉接收', next: 'classify' }),
      step('classify', '接收后30分钟内', { next: 'dispatch' }),
      step('dispatch', '1h'),
    ]));
    expect(resolveAnchor(model, '接收', 1)?.step.id).toBe('receive');
    expect(criticalPath(model, 8)?.minutes).toBe(90);
  });

  it('measures between the steps a KPI names', () => {
    const model = buildModel(spec([step('a', '1h', { next: 'b' }), step('b', '2h', { next: 'c' }), step('c', '4h')]));
    expect(criticalPath(model, 8, 'b', 'c')?.minutes).toBe(6 * 60);
  });

  it('lists steps whose deadline adds no duration', () => {
    const model = buildModel(spec([step('plan', '每月25日', { next: 'review' }), step('review', '2 workdays')]));
    expect(criticalPath(model, 8)).toEqual({ minutes: 16 * 60, path: ['plan', 'review'], uncounted: ['plan'] });
  });

  it('gives no path through an undeclared cycle', () => {
    const model = buildModel(spec([step('a', '1h', { next: 'b' }), step('b', '1h', { next: 'a' })]));
    expect(criticalPath(model, 8)).toBeUndefined();
  });
});

describe('graph checks', () => {
  it('finds undeclared cycles once and accepts declared loops', () => {
    const cyclic = buildModel(spec([step('a', '1h', { next: 'b' }), step('b', '1h', { next: 'c' }), step('c', '1h', { next: 'a' })]));
    expect(undeclaredCycles(cyclic)).toEqual([['a', 'b', 'c']]);
    const looped = buildModel(spec([
      step('a', '1h', { next: 'b' }),
      step('b', '1h', { branches: [{ when: 'redo', to: 'a', loop: true }, { when: 'ok', to: 'c' }] }),
      step('c', '1h'),
    ]));
    expect(undeclaredCycles(looped)).toEqual([]);
  });

  it('finds steps unreachable from the start and steps that cannot reach an end', () => {
    const model = buildModel(spec([
      step('a', '1h', { next: 'b' }),
      step('b', '1h'),
      step('orphan', '1h', { next: 'b' }),
      step('trap', '1h', { next: 'trap2' }),
      step('trap2', '1h', { next: 'trap' }),
    ]));
    expect([...reachableFromStart(model)].sort()).toEqual(['a', 'b']);
    expect([...canReachEnd(model)].sort()).toEqual(['a', 'b', 'orphan']);
  });

  it('follows declared loops from any step unless told not to', () => {
    const model = buildModel(spec([
      step('submit', '1h', { next: 'approve' }),
      step('approve', '1h', { branches: [{ when: 'ok', to: 'pay' }, { when: 'incomplete', to: 'submit', loop: true }] }),
      step('pay', '1h'),
    ]));
    expect([...reachableFrom(model, 'approve')].sort()).toEqual(['approve', 'pay', 'submit']);
    expect([...reachableFrom(model, 'approve', { loops: false })].sort()).toEqual(['approve', 'pay']);
  });

  it('takes a loop flag on a step as its next going back', () => {
    const model = buildModel(spec([
      step('inspect', '1h', { branches: [{ when: 'pass', to: 'store' }, { when: 'fail', to: 'rework' }] }),
      step('rework', '1 workday', { next: 'inspect', loop: true }),
      step('store', '1h'),
    ]));
    expect(model.edges.find((edge) => edge.from === 'rework')).toMatchObject({ to: 'inspect', type: 'next', loop: true });
    expect(undeclaredCycles(model)).toEqual([]);
    expect(criticalPath(model, 8)?.path).toEqual(['inspect', 'store']);
  });
});
