import { describe, expect, it } from 'vitest';
import { segmentQuery } from '../../site/scripts/segment.ts';

describe('segmentQuery (search box → Pagefind)', () => {
  it('splits a Chinese query typed without spaces into words', () => {
    expect(segmentQuery('投诉处理')).toBe('投诉 处理');
    expect(segmentQuery('费用报销流程')).toMatch(/^费用 ?报销 流程$/);
  });
  it('leaves queries without Han characters as typed', () => {
    expect(segmentQuery('expense report')).toBe('expense report');
  });
  it('handles mixed text and extra spaces', () => {
    expect(segmentQuery('APP投诉  处理')).toBe('APP 投诉 处理');
  });
  it('leaves out question words no page says, unless nothing else is left', () => {
    expect(segmentQuery('报销多久到账')).toBe('报销 到 账');
    expect(segmentQuery('请假怎么申请')).toBe('请假 申请');
    expect(segmentQuery('多久')).toBe('多久');
  });
});
