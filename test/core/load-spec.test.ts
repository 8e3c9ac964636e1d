import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { renderCore } from '../../scripts/core/render.ts';

const valid = readFileSync(new URL('../../processes/business/customer-complaint.md', import.meta.url), 'utf8');
const lines = valid.split('\n');
const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;

const problems = (content: string | Uint8Array, locale: 'en' | 'zh-CN' = 'en') =>
  loadSpec('spec.md', content).problems.map(({ line, column, messageId, data }) => ({ line, column, message: renderCore(messageId, data, locale) }));

describe('loadSpec on a valid spec', () => {
  it('returns the typed spec, the body and no problems', () => {
    const loaded = loadSpec('customer-complaint.md', valid);
    expect(loaded.problems).toEqual([]);
    expect(loaded.spec?.id).toBe('customer-complaint');
    expect(loaded.spec?.steps[0]?.deadline).toBe('即时');
    expect(loaded.body.startsWith('\n## 适用范围') || loaded.body.startsWith('## 适用范围')).toBe(true);
    expect(lines[loaded.bodyLine - 1]).toBe(loaded.body.split('\n')[0]);
  });

  it('keeps dates as text (YAML 1.2 core schema), as the `yaml` package does', () => {
    const loaded = loadSpec('customer-complaint.md', valid);
    expect(loaded.spec?.lifecycle?.release?.effective).toBe('2026-11-23');
  });

  it('locates keys and values on demand', () => {
    const loaded = loadSpec('customer-complaint.md', valid);
    expect(loaded.locate(['steps', 1, 'deadline'])).toMatchObject({ line: lineOf('deadline: 接收后30分钟内'), column: 15 });
    expect(loaded.locate(['lifecycle', 'review', 'approvedBy'], 'key')).toMatchObject({ line: lineOf('approvedBy:'), column: 5 });
  });

  it('reads CRLF files with the same positions as LF files', () => {
    const loaded = loadSpec('crlf.md', Buffer.from(valid.replace(/\n/g, '\r\n')));
    expect(loaded.problems).toEqual([]);
    expect(loaded.locate(['steps', 1, 'deadline']).line).toBe(lineOf('deadline: 接收后30分钟内'));
  });
});

describe('loadSpec on bad input: a positioned problem, never an exception', () => {
  it('reports an unknown key at the key, suggesting the known one', () => {
    const text = valid.replace('    role: cs-agent\n    deadline: 即时', '    rolle: cs-agent\n    deadline: 即时');
    expect(problems(text)).toContainEqual({ line: lineOf('    role: cs-agent'), column: 5, message: 'Unknown field `rolle` in steps[0] — did you mean `role`?' });
  });

  it('reports a wrong type at the value, in Chinese too', () => {
    const text = valid.replace('version: 3.0.0', 'version: 3.0');
    expect(problems(text, 'zh-CN')).toEqual([
      { line: lineOf('version:'), column: 10, message: '`version` 应为文字，而不是3。 请给这个值加上引号，例如 "1.0.0"。' },
    ]);
  });

  it('reports a missing required key at its parent', () => {
    const text = valid.replace('  end: 客户确认处理结果，投诉结案归档\n', '');
    expect(problems(text)).toEqual([{ line: lineOf('scope:'), column: 1, message: 'Missing required field `end` in scope. Add it.' }]);
  });

  it('reports a value outside an enumeration', () => {
    expect(problems(valid.replace('category: business', 'category: biz'))).toEqual([
      { line: lineOf('category:'), column: 11, message: '`category` must be one of `business`, `management`, `information`, not "biz".' },
    ]);
  });

  it('reports duplicate keys at the second occurrence', () => {
    const text = valid.replace('title: 客户投诉处理流程', 'title: 客户投诉处理流程\ntitle: 重复');
    expect(problems(text)).toEqual([
      { line: lineOf('title:') + 1, column: 1, message: 'Duplicate key `title`: only the last one counts. Remove or rename one of them.' },
    ]);
  });

  it('leaves duplicate lifecycle stages to the lifecycle rule', () => {
    const text = valid.replace('  analyze:\n', '  define:\n    status: done\n  analyze:\n');
    const loaded = loadSpec('spec.md', text);
    expect(loaded.problems).toEqual([]);
    expect(loaded.duplicateKeys).toEqual([{ path: ['lifecycle', 'define'], line: lineOf('  analyze:'), column: 3 }]);
  });

  it('reports tabs used for indentation', () => {
    expect(problems('---\nid: x\n\ttitle: y\n---\n')).toEqual([
      { line: 3, column: 1, message: 'Invalid YAML: Tabs are not allowed as indentation. Indent with spaces, not tabs.' },
    ]);
  });

  it('refuses an alias bomb quickly', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const started = performance.now();
    const found = problems(`---\n${levels.join('\n')}\n---\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found).toEqual([{ line: 2, column: 1, message: expect.stringContaining('too many aliases') }]);
  });

  it('refuses nesting deeper than any spec needs', () => {
    const deep = `---\nid: ${'['.repeat(200)}${']'.repeat(200)}\n---\n`;
    expect(problems(deep)).toEqual([{ line: 2, column: 1, message: expect.stringContaining('nested more than') }]);
    // Block levels, and block levels holding flow brackets, each below the limit alone.
    const block = (levels: number, inner: string) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ` ${inner}`;
    for (const text of [block(70, 'x'), block(40, `${'['.repeat(30)}${']'.repeat(30)}`), `list:\n${'- '.repeat(70)}x`]) {
      expect(problems(`---\nid: x\n${text}\n---\n`)).toEqual([expect.objectContaining({ message: expect.stringContaining('nested more than') })]);
    }
    expect(problems(`---\n${block(20, `${'['.repeat(30)}${']'.repeat(30)}`)}\n---\n`).some((p) => p.message.includes('nested more than'))).toBe(false);
  });

  it('reports and drops a byte-order mark', () => {
    const loaded = loadSpec('bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid)]));
    expect(loaded.spec?.id).toBe('customer-complaint');
    expect(loaded.problems).toEqual([{ line: 1, column: 1, messageId: 'source.bom' }]);
  });

  it('reports a file that is not UTF-8 at the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('---\nid: x\ntitle: '), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('\n---\n')]);
    expect(problems(bytes)).toEqual([{ line: 3, column: 8, message: expect.stringContaining('not UTF-8') }]);
  });

  it('reports missing, unclosed and empty front matter', () => {
    expect(problems('# 只有正文')).toEqual([{ line: 1, column: 1, message: expect.stringContaining('no front matter') }]);
    expect(problems('---\nid: x\n')).toEqual([{ line: 1, column: 1, message: expect.stringContaining('never closed') }]);
    expect(problems('---\n---\nbody')).toEqual([{ line: 1, column: 1, message: expect.stringContaining('front matter is empty') }]);
    expect(problems('---\n- a\n- b\n---\n')).toEqual([{ line: 2, column: 1, message: expect.stringContaining('not a list') }]);
  });
});

describe('closest', () => {
  it('suggests near misspellings and nothing for different words', async () => {
    const { closest } = await import('../../scripts/core/friendly-issues.ts');
    expect(closest('rolle', ['role', 'name'])).toBe('role');
    expect(closest('titel', ['title', 'goal'])).toBe('title');
    expect(closest('risk-managment', ['risk-management', 'cash-management'])).toBe('risk-management');
    expect(closest('risk-management', ['cash-management'])).toBeUndefined();
  });
});
