/**
 * Hostile files through the loader and the linter: YAML bombs, deep nesting,
 * oversized text, bad encodings, BOM, CRLF, tabs, missing front matter. Each ends,
 * quickly, in a clear diagnostic naming the line — never an exception.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { MAX_SPEC_BYTES } from '../../scripts/core/source.ts';
import { loadSubject, type FileResultLike, type Subject } from '../fuzz/subject.ts';

const COMPLAINT = readFileSync(new URL('../../processes/business/customer-complaint.md', import.meta.url), 'utf8');
const ORG = { file: 'processes/org.yml', text: readFileSync(new URL('../../processes/org.yml', import.meta.url), 'utf8') };
const FILE = 'processes/business/customer-complaint.md';

let subject: Subject;
beforeAll(async () => {
  subject = await loadSubject();
});

/** Lints one file, asserting it ends within `limitMs`, and returns its diagnostics. */
/**
 * A guard against blow-ups (an exponential alias expansion, a quadratic scan), not a speed test: a
 * bomb runs for minutes or forever, while a loaded CI machine takes a few seconds for an honest spec.
 * Speed is measured by `npm run bench`.
 */
const BLOW_UP_MS = 20_000;

async function lintOne(text: string, locale: 'en' | 'zh-CN' = 'en'): Promise<FileResultLike['diagnostics']> {
  const start = performance.now();
  const results = await subject.lint([{ file: FILE, text }], { org: ORG, today: '2026-11-23', locale });
  expect(performance.now() - start, 'lint time (ms)').toBeLessThan(BLOW_UP_MS);
  expect(results.map((r) => r.file)).toEqual([FILE]);
  return results[0]!.diagnostics;
}

function withFrontMatter(yaml: string): string {
  return `---\n${yaml}\n---\n\n正文。\n`;
}

describe('YAML bombs', () => {
  it('billion laughs (anchors and aliases, 9^10 expansion) is refused with a diagnostic', async () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const diagnostics = await lintOne(withFrontMatter(lines.join('\n')));
    expect(diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'schema', line: 2, message: expect.stringMatching(/aliases/) }));
  });

  it('a quadratic blow-up of nested flow aliases stays bounded', async () => {
    const lines = ['a0: &a0 {x: 1}'];
    for (let i = 1; i <= 60; i++) lines.push(`a${i}: &a${i} {l: *a${i - 1}, r: *a${i - 1}}`);
    const diagnostics = await lintOne(withFrontMatter(lines.join('\n')));
    expect(diagnostics.some((d) => d.ruleId === 'schema' && /aliases|nested/.test(d.message))).toBe(true);
  });

  it('merge keys and a few honest anchors still load', () => {
    const loaded = loadSpec(FILE, COMPLAINT.replace('owner: cs-manager', 'owner: &o cs-manager').replace('    role: cs-agent\n    deadline: 2h', '    role: cs-agent\n    deadline: 2h\n    consulted: [*o]'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.spec?.steps.at(-1)?.consulted).toEqual(['cs-manager']);
  });
});

describe('deep nesting never blows the stack', () => {
  const cases: Array<[string, string, number]> = [
    ['flow sequences', `deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, 2],
    ['flow mappings', `deep: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, 2],
    // 10,000 indented levels would be 50 MB, refused for its size; 1,300 fit under 1 MB and still overflow a recursive parser.
    ['block mappings (1,300 levels)', Array.from({ length: 1_300 }, (_, d) => `${' '.repeat(d)}k${d}:`).join('\n') + ' 1', 259],
    ['compact block sequences', `deep:\n${'- '.repeat(10_000)}x`, 3],
  ];
  for (const [name, yaml, line] of cases) {
    it(name, async () => {
      const first = await lintOne(withFrontMatter(yaml));
      expect(first).toContainEqual(expect.objectContaining({ ruleId: 'schema', line, message: expect.stringMatching(/nested more than 64 levels/) }));
      // A stack overflow lands at a different depth each time; the report must not.
      expect(await lintOne(withFrontMatter(yaml))).toEqual(first);
    });
  }
});

describe('size', () => {
  it('a 50 MB text handed to the linter in memory is refused from its size, without being parsed', async () => {
    const text = COMPLAINT.replace('summary: 从', `summary: ${'x'.repeat(50 * 1024 * 1024)}从`);
    expect(await lintOne(text)).toEqual([expect.objectContaining({ ruleId: 'schema', line: 1, column: 1, message: expect.stringMatching(/50\.0 MB, larger than the 1\.0 MB/) })]);
  });

  it('a spec just under the limit is read whole, with no blow-up', async () => {
    const filler = '这是一段被粘贴进来的很长的说明。'.repeat(Math.floor((MAX_SPEC_BYTES - Buffer.byteLength(COMPLAINT) - 1_000) / 48));
    const text = COMPLAINT.replace('summary: 从客户提交投诉到回访确认满意、结案归档的全过程。', `summary: ${filler}`);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_SPEC_BYTES);
    await lintOne(text);
  });

  it('a 10,000-character name is kept whole, not truncated or rejected', () => {
    const name = '长'.repeat(10_000);
    const loaded = loadSpec(FILE, COMPLAINT.replace('name: 投诉接收', `name: ${name}`));
    expect(loaded.problems).toEqual([]);
    expect(loaded.spec?.steps[0]?.name).toBe(name);
  });
});

describe('encodings and line ends', () => {
  it('non-UTF-8 bytes (GBK) are reported with their line', () => {
    const gbk = Buffer.concat([Buffer.from('---\nid: x\ntitle: '), Buffer.from([0xbf, 0xcd, 0xbb, 0xa7]), Buffer.from('\n---\n')]);
    const loaded = loadSpec(FILE, gbk);
    expect(loaded.problems).toEqual([expect.objectContaining({ line: 3, messageId: 'source.notUtf8' })]);
  });

  it('a BOM is reported at 1:1 and the spec is still read', () => {
    const loaded = loadSpec(FILE, Buffer.from(`\uFEFF${COMPLAINT}`));
    expect(loaded.problems).toEqual([expect.objectContaining({ line: 1, column: 1, messageId: 'source.bom' })]);
    expect(loaded.spec?.id).toBe('customer-complaint');
  });

  it('CRLF files give the same findings at the same lines as LF files', async () => {
    const broken = COMPLAINT.replace('    role: qc-specialist\n', '    role: qc-specialist\n    titel: x\n');
    const lf = await lintOne(broken);
    const crlf = await lintOne(broken.replace(/\n/g, '\r\n'));
    expect(lf.length).toBeGreaterThan(0);
    expect(crlf.map((d) => [d.ruleId, d.line, d.column])).toEqual(lf.map((d) => [d.ruleId, d.line, d.column]));
  });

  it('a tab used as indentation is reported at its line with the fix', async () => {
    const text = COMPLAINT.replace('  - id: escalate\n    name:', '  - id: escalate\n\tname:');
    const line = text.split('\n').findIndex((l) => l.startsWith('\tname')) + 1;
    const diagnostics = await lintOne(text);
    expect(diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'schema', line, message: expect.stringMatching(/tabs/i) }));
  });

  it('NUL, RTL marks and astral characters in values are read as text', () => {
    const loaded = loadSpec(FILE, COMPLAINT.replace('summary: 从客户', 'summary: "a\\0b" # ').replace('goal: 提升', 'goal: \u202E𝕏😀提升'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.spec?.summary).toBe('a\u0000b');
    expect(loaded.spec?.goal.startsWith('\u202E𝕏😀')).toBe(true);
  });
});

describe('front matter', () => {
  it('missing front matter is one clear diagnostic at 1:1', async () => {
    const diagnostics = await lintOne('# 客户投诉处理流程\n\n只有正文。\n');
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'schema', line: 1, column: 1, message: expect.stringMatching(/no front matter/) })]);
  });

  it('an unclosed front matter is reported, in Chinese too', async () => {
    const text = COMPLAINT.replace(/\n---\n\n## 适用范围/, '\n\n## 适用范围');
    expect(await lintOne(text)).toContainEqual(expect.objectContaining({ line: 1, message: expect.stringMatching(/never closed/) }));
    expect(await lintOne(text, 'zh-CN')).toContainEqual(expect.objectContaining({ line: 1, message: expect.stringMatching(/没有结束/) }));
  });

  it('a truncated file (cut mid-quote) is reported at the line of the cut', async () => {
    const cut = COMPLAINT.indexOf('target: "<= 5 workdays"') + 'target: "<= 5'.length;
    const text = COMPLAINT.slice(0, cut);
    const diagnostics = await lintOne(text);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(d.line).toBeLessThanOrEqual(text.split('\n').length);
  });

  it('an empty file and a file of only fences are diagnostics, not crashes', async () => {
    for (const text of ['', '---\n---\n', '---\n', '---\n...\n', '\uFEFF', '\n\n\n']) {
      expect((await lintOne(text)).length, JSON.stringify(text)).toBeGreaterThan(0);
    }
  });
});
