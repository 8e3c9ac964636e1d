/**
 * The folder of deliberately broken specs: each `test/fixtures/broken/<rule-id>.md`
 * holds one defect, marked on its line with `# expect: <rule-id>` (or an HTML
 * comment in the body). Linted together with the recommended preset, every
 * file reports exactly its marked defects, at their lines, and nothing else;
 * `clean.md` is the same spec without a defect.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../scripts/lint/resolve.ts';
import { lintTexts, worded } from '../lint/helpers.ts';
import { rules } from '../../scripts/rules/index.ts';

const DIR = new URL('../fixtures/broken/', import.meta.url);
const specs = readdirSync(DIR).filter((name) => name.endsWith('.md')).sort();
const texts = new Map(specs.map((name) => [name, readFileSync(new URL(name, DIR), 'utf8')]));

function expected(text: string): string[] {
  return text.split('\n').flatMap((line, i) => [...line.matchAll(/expect: ([a-z-]+)/g)].map((m) => `${i + 1} ${m[1]}`));
}

let results: Map<string, FileResult>;
beforeAll(async () => {
  const files = specs.map((name) => ({ file: `test/fixtures/broken/${name}`, text: texts.get(name)! }));
  const org = readFileSync(new URL('org.yml', DIR), 'utf8');
  const forms = readFileSync(new URL('forms.yml', DIR), 'utf8');
  results = new Map((await lintTexts(files, { org, forms, today: '2026-06-01' })).map((result) => [result.file.split('/').pop()!, result]));
});

describe('broken fixtures', () => {
  it('has one per rule of the recommended preset besides codeowners, plus a clean control', () => {
    const ids = Object.keys(rules).filter((id) => id !== 'codeowners');
    expect(specs).toEqual([...ids, 'clean'].map((id) => `${id}.md`).sort());
  });

  it.each(specs)('%s reports exactly its marked defects', (name) => {
    const marks = expected(texts.get(name)!);
    const id = name.replace(/\.md$/, '');
    if (id === 'clean') expect(marks).toEqual([]);
    else expect(marks.map((mark) => mark.split(' ')[1])).toEqual([id]);
    const found = results.get(name)!.findings.map((d) => `${d.line} ${d.ruleId}`);
    expect(found, worded(results.get(name)).map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`).join('\n')).toEqual(marks);
  });
});
