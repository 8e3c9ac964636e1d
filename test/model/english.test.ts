import { describe, expect, it } from 'vitest';
import type { Process } from '../../schemas/process.ts';
import { englishGaps, inEnglish, localized, localizedList } from '../../scripts/model/english.ts';

const spec = {
  id: 'p', title: '报销', titleEn: 'Claims', category: 'business', department: 'd', owner: 'o', version: '1.0.0', status: 'draft',
  goal: '尽快报销', goalEn: 'Refund quickly', scope: { start: '提交', startEn: 'Submitted', end: '到账' },
  kpis: [{ id: 'k', name: '周期', nameEn: 'Cycle', target: '<= 5 workdays', frequency: '每月' }],
  steps: [
    { id: 'a', name: '提交', nameEn: 'Submit', controls: ['真实', '一票一报'], controlsEn: ['Genuine'], branches: [{ when: '齐全', whenEn: 'Complete', to: 'b' }, { when: '不全', to: 'a', loop: true }] },
    { id: 'b', name: '付款', action: '网银付款' },
  ],
} as Process;

describe('English beside the Chinese', () => {
  it('uses the English on English pages and keeps the Chinese, marked as such, where there is none', () => {
    expect(localized('提交', 'Submit', 'en')).toEqual({ text: 'Submit', lang: 'en' });
    expect(localized('提交', undefined, 'en')).toEqual({ text: '提交', lang: 'zh-CN' });
    expect(localized('提交', 'Submit', 'zh-CN')).toEqual({ text: '提交', lang: 'zh-CN' });
  });

  it('takes an English list only when it has an item for each Chinese one', () => {
    expect(localizedList(['真实', '一票一报'], ['Genuine', 'Once'], 'en').map((t) => t.text)).toEqual(['Genuine', 'Once']);
    expect(localizedList(['真实', '一票一报'], ['Genuine'], 'en').map((t) => t.lang)).toEqual(['zh-CN', 'zh-CN']);
  });

  it('lists every reader-visible text without English, periods aside', () => {
    expect(englishGaps(spec).map((gap) => `${gap.path.join('.')} → ${gap.field}${gap.count ? ` ${gap.count.found}/${gap.count.expected}` : ''}`)).toEqual([
      'scope.end → endEn',
      'steps.0.controlsEn → controlsEn 1/2',
      'steps.0.branches.1.when → whenEn',
      'steps.1.name → nameEn',
      'steps.1.action → actionEn',
    ]);
  });

  it('draws the English flowchart from English names and conditions where there are some', () => {
    const english = inEnglish(spec);
    expect(english.title).toBe('Claims');
    expect(english.steps.map((s) => s.name)).toEqual(['Submit', '付款']);
    expect(english.steps[0]!.branches!.map((b) => b.when)).toEqual(['Complete', '不全']);
    expect(english.steps[0]!.id).toBe('a');
  });
});
