import { describe, expect, it } from 'vitest';
import { PROGRESS_KEY, fill, latestPass, passOf, readProgress, recordPass, today, type Pass } from '../../site/scripts/training/progress.ts';

/** localStorage as the browser has it: strings under keys, and a quota that can refuse. */
function storage(full = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      items.set(key, String(value));
    },
  };
}

const pass = (version: string, date: string, score = 90): Pass => ({ process: 'return-request', version, score, right: 9, total: 10, date });

describe('training progress in the browser', () => {
  it('keeps each pass under its process and version', () => {
    const store = storage();
    expect(recordPass(pass('1.0.0', '2026-11-01'), store)).toBe(true);
    expect(recordPass(pass('1.1.0', '2026-11-20', 100), store)).toBe(true);
    const progress = readProgress(store);
    expect(Object.keys(progress.passes)).toEqual(['return-request@1.0.0', 'return-request@1.1.0']);
    expect(passOf(progress, 'return-request', '1.1.0')?.score).toBe(100);
    expect(passOf(progress, 'return-request', '1.2.0')).toBeUndefined();
    expect(latestPass(progress, 'return-request')?.version).toBe('1.1.0');
    expect(latestPass(progress, 'leave-request')).toBeUndefined();
  });

  it('starts afresh from unreadable progress, and says when the browser refuses to save', () => {
    const store = storage();
    store.setItem(PROGRESS_KEY, '{"passes": ');
    expect(readProgress(store)).toEqual({ passes: {} });
    store.setItem(PROGRESS_KEY, '[1,2]');
    expect(readProgress(store)).toEqual({ passes: {} });
    expect(recordPass(pass('1.0.0', '2026-11-01'), storage(true))).toBe(false);
    expect(recordPass(pass('1.0.0', '2026-11-01'), undefined)).toBe(false);
  });

  it('dates a pass in the learner’s own calendar', () => {
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('the page strings the training scripts fill', () => {
  it('take their values by name and keep a name they were not given', () => {
    expect(fill('已学习版本 {{version}}，得分 {{ score }}%', { version: '1.5.0', score: 88 })).toBe('已学习版本 1.5.0，得分 88%');
    expect(fill('{{missing}} and {{constructor}}', {})).toBe('{{missing}} and {{constructor}}');
  });
});
