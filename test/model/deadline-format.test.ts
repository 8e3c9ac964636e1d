import { describe, expect, it } from 'vitest';
import type { Process } from '../../schemas/process.ts';
import { deadlineReference, formatKpiTarget, formatStepDeadline } from '../../scripts/model/deadline-format.ts';
import { buildModel } from '../../scripts/model/process-model.ts';

const model = buildModel({
  id: 'p', title: 'p', category: 'business', department: 'd', owner: 'o', version: '1.0.0', status: 'draft', goal: 'g',
  scope: { start: '客户来电投诉', end: '结案' },
  steps: [
    { id: 'receive', name: '投诉接收', deadline: '即时', next: 'classify' },
    { id: 'classify', name: '投诉分类', deadline: '接收后30分钟内', branches: [{ when: '一般', to: 'handle' }, { when: '紧急', to: 'escalate' }] },
    { id: 'escalate', name: '升级处理', deadline: '当日', next: 'reply' },
    { id: 'handle', name: '调查处理', deadline: '2个工作日内', next: 'reply' },
    { id: 'reply', name: '答复客户', deadline: '1个工作日内', branches: [{ when: '客户不满意', to: 'handle', loop: true }, { when: '满意', to: 'close' }] },
    { id: 'close', name: '结案', deadline: '每月末' },
  ],
} as Process);
const node = (id: string) => model.byId.get(id)!;
const zh = (id: string) => formatStepDeadline(model, node(id), 'zh-CN');

describe('a step deadline with what it counts from', () => {
  it('counts the first step from the event that starts the process', () => {
    expect(deadlineReference(model, node('receive'))).toEqual({ kind: 'trigger', text: '客户来电投诉' });
    expect(zh('receive')).toBe('「客户来电投诉」时立即处理');
  });

  it('counts a relative deadline from the step it names, by that step\'s name', () => {
    expect(zh('classify')).toBe('「投诉接收」完成后 30 分钟内');
    const english = formatStepDeadline(model, node('classify'), 'en', { step: (n) => ({ receive: 'Receive the complaint' })[n.step.id] ?? n.step.id, trigger: 'A customer complains' });
    expect(english).toBe('within 30 minutes after “Receive the complaint” is done');
  });

  it('counts a plain duration from the step before it, declared loops aside', () => {
    expect(zh('handle')).toBe('「投诉分类」完成后 2 个工作日内');
    // reply is reached from escalate and handle; the loop back from reply to handle is not a predecessor of handle
    expect(deadlineReference(model, node('reply'))).toEqual({ kind: 'steps', names: ['升级处理', '调查处理'] });
    expect(formatStepDeadline(model, node('reply'), 'en')).toBe('within 1 workday after “升级处理” / “调查处理” is done');
  });

  it('says 当日 as the same day the step before is done', () => {
    expect(zh('escalate')).toBe('「投诉分类」完成当日（下班前）');
    expect(formatStepDeadline(model, node('escalate'), 'en')).toBe('by the end of the day “投诉分类” is done');
  });

  it('leaves calendar dates as they are: they need no reference', () => {
    expect(deadlineReference(model, node('close'))).toBeUndefined();
    expect(zh('close')).toBe('每月末');
  });
});

describe('KPI targets in the page\'s language', () => {
  it.each([
    ['<= 2 workdays', '≤ 2 个工作日', '≤ 2 workdays'],
    ['≤3个工作日', '≤ 3 个工作日', '≤ 3 workdays'],
    ['<= 24h', '≤ 24 小时', '≤ 24 hours'],
    ['>= 95%', '≥ 95%', '≥ 95%'],
    ['= 0 次', '= 0 次', '= 0 times'],
    ['< 2 widgets', '< 2 widgets', '< 2 widgets'],
  ])('%s', (target, chinese, english) => {
    expect(formatKpiTarget(target, 'zh-CN')).toBe(chinese);
    expect(formatKpiTarget(target, 'en')).toBe(english);
  });

  it('leaves a target it cannot read as written (kpi-measurable reports it)', () => {
    expect(formatKpiTarget('尽量快', 'en')).toBe('尽量快');
  });
});
