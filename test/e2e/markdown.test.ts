import { describe, expect, it } from 'vitest';
import { renderBody, rewriteHref, splitBody } from '../../site/lib/markdown.ts';

const context = { locale: 'zh-CN' as const, stepIds: new Set(['receive']), processIds: new Set(['leave-request']) };

describe('spec body → HTML', () => {
  it('shows raw HTML as text, never as markup', () => {
    const html = renderBody('a <b onclick="x()">b</b>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>', context);
    expect(html).not.toMatch(/<(script|img|b)\b/);
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
  });
  it('drops unsafe links but keeps their text', () => {
    expect(renderBody('[点我](javascript:alert(1))', context)).toBe('<p><span>点我</span></p>');
    expect(renderBody('![图](https://tracker.example/p.png)', context)).toBe('<p>图</p>');
  });
  it('rewrites links to steps, other processes and forms', () => {
    expect(rewriteHref('#receive', context)).toBe('#step-receive');
    expect(rewriteHref('#nope', context)).toBeUndefined();
    expect(rewriteHref('../information/leave-request.md', context)).toBe('/processes/leave-request/');
    expect(rewriteHref('leave-request.md#approve', { ...context, locale: 'en' })).toBe('/en/processes/leave-request/#step-approve');
    expect(rewriteHref('unknown.md', context)).toBeUndefined();
    expect(rewriteHref('form:《费用报销单》', context)).toMatch(/^\/forms\/form-[a-z0-9]+\/$/);
    expect(rewriteHref('form:费用报销单', { ...context, locale: 'en', formSlug: (name) => (name === '费用报销单' ? 'expense-claim' : 'x') })).toBe('/en/forms/expense-claim/');
    expect(rewriteHref('https://example.com/a b', context)).toBe('https://example.com/a%20b');
  });
});

describe('a body in two languages', () => {
  it('splits at a line <!-- lang: en -->, found by the parser', () => {
    expect(splitBody('## 说明\n\n中文。\n\n<!-- lang: en -->\n\n## Notes\n\nEnglish.\n')).toEqual({ zh: '## 说明\n\n中文。\n\n', en: '\n\n## Notes\n\nEnglish.\n' });
  });
  it('keeps a body without the marker, or with it only inside code, whole', () => {
    expect(splitBody('中文。\n')).toEqual({ zh: '中文。\n' });
    const fenced = '```\n<!-- lang: en -->\n```\n';
    expect(splitBody(fenced)).toEqual({ zh: fenced });
  });
});
