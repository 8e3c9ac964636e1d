import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { github, githubSummary } from '../../scripts/formatters/github.ts';
import { json } from '../../scripts/formatters/json.ts';
import { junit } from '../../scripts/formatters/junit.ts';
import { sarif } from '../../scripts/formatters/sarif.ts';
import { stylish } from '../../scripts/formatters/stylish.ts';
import { formatted, type FormatOptions } from '../../scripts/formatters/types.ts';
import { summarize, type FileResult } from '../../scripts/lint/resolve.ts';
import { docsUrl } from '../../scripts/lint/version.ts';

const options: FormatOptions = { locale: 'en', color: false, docsUrl };

const results: FileResult[] = [
  summarize('processes/a.md', [], false),
  {
    ...summarize(
      'processes/b,1.md',
      [
        // Data with characters each format must escape: %, a comma, a line break, <, &, quotes.
        { ruleId: 'schema', severity: 'error', file: 'processes/b,1.md', line: 3, column: 1, endLine: 3, endColumn: 6, messageId: 'schema.unknownKey', data: { key: 'titel', where: '', suggestion: ': 100% wrong,\nsee docs' } },
        { ruleId: 'suppression', severity: 'warning', file: 'processes/b,1.md', line: 12, column: 5, messageId: 'unused', data: { rule: '<x> & "y"' } },
      ],
      false,
    ),
    fixableCount: 1,
  },
];

describe('stylish', () => {
  it('groups by file with aligned columns, a summary and docs links; no colours when off', () => {
    expect(formatted(stylish, results, options)).toBe(`processes/b,1.md
  3:1   error    Unknown field \`titel\`: 100% wrong, see docs  schema
  12:5  warning  The suppression of <x> & "y" suppresses nothing on the next line. Remove it.  suppression

✖ 2 problems (1 error, 1 warning)
  1 can be fixed with the \`--fix\` option.

Rule docs:
  schema: https://handbook.example.com/rules/schema/
  suppression: https://handbook.example.com/rules/suppression/
`);
    expect(formatted(stylish, [results[0]!], { ...options, locale: 'zh-CN' })).toBe('1 个文件均未发现问题。\n');
    expect(formatted(stylish, results, { ...options, locale: 'zh-CN' })).toContain('✖ 共 2 个问题（1 个错误，1 个警告）\n  其中 1 个可用 `--fix` 选项自动修复。');
  });

  it('colours only when asked', () => {
    const coloured = formatted(stylish, results, { ...options, color: true });
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatted(stylish, results, options));
  });
});

describe('json', () => {
  it('is the results as JSON: each finding as data and worded, with its docs link', () => {
    const parsed = JSON.parse(formatted(json, results, options)) as Array<Omit<FileResult, 'findings'> & { findings: Array<Record<string, unknown>> }>;
    expect(parsed.map((result) => ({ ...result, findings: result.findings.map(({ message: _m, url: _u, ...finding }) => finding) }))).toEqual(results);
    expect(parsed[1]!.findings[1]).toMatchObject({ message: 'The suppression of <x> & "y" suppresses nothing on the next line. Remove it.', url: 'https://handbook.example.com/rules/suppression/' });
  });
});

describe('junit', () => {
  it('writes a suite per file and escapes XML', () => {
    expect(formatted(junit, results, options)).toBe(`<?xml version="1.0" encoding="utf-8"?>
<testsuites name="processlint" tests="3" failures="2">
  <testsuite name="processes/a.md" tests="1" failures="0" errors="0">
    <testcase name="processlint" classname="processes/a.md"/>
  </testsuite>
  <testsuite name="processes/b,1.md" tests="2" failures="2" errors="0">
    <testcase name="3:1 schema" classname="processes/b,1.md">
      <failure type="error" message="Unknown field \`titel\`: 100% wrong,
see docs">error processes/b,1.md:3:1 Unknown field \`titel\`: 100% wrong,
see docs (schema) https://handbook.example.com/rules/schema/</failure>
    </testcase>
    <testcase name="12:5 suppression" classname="processes/b,1.md">
      <failure type="warning" message="The suppression of &lt;x&gt; &amp; &quot;y&quot; suppresses nothing on the next line. Remove it.">warning processes/b,1.md:12:5 The suppression of &lt;x&gt; &amp; &quot;y&quot; suppresses nothing on the next line. Remove it. (suppression) https://handbook.example.com/rules/suppression/</failure>
    </testcase>
  </testsuite>
</testsuites>
`);
  });
});

describe('github', () => {
  it('writes escaped workflow commands', () => {
    expect(formatted(github, results, options)).toBe(
      '::error file=processes/b%2C1.md,line=3,col=1,endLine=3,endColumn=6,title=schema::Unknown field `titel`: 100%25 wrong,%0Asee docs\n' +
        '::warning file=processes/b%2C1.md,line=12,col=5,title=suppression::The suppression of <x> & "y" suppresses nothing on the next line. Remove it.\n',
    );
    expect(formatted(github, [results[0]!], options)).toBe('');
  });

  it('summarises every finding in Markdown for the job summary', () => {
    expect(githubSummary(results, options)).toBe(`## processlint

2 problems (1 error, 1 warning)

| File | Line | Severity | Rule | Message |
| --- | --- | --- | --- | --- |
| processes/b,1.md | 3:1 | error | [schema](https://handbook.example.com/rules/schema/) | Unknown field \`titel\`: 100% wrong, see docs |
| processes/b,1.md | 12:5 | warning | [suppression](https://handbook.example.com/rules/suppression/) | The suppression of &lt;x> & "y" suppresses nothing on the next line. Remove it. |
`);
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatted(sarif, results, options));

  it('validates against the SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
    const ajv = new Ajv({ strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('carries rule metadata with help links, rule indexes and regions', () => {
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('processlint');
    const index = driver.rules.findIndex((r: { id: string }) => r.id === 'schema');
    expect(driver.rules[index]).toMatchObject({ id: 'schema', helpUri: 'https://handbook.example.com/rules/schema/' });
    expect(log.runs[0].results[0]).toEqual({
      ruleId: 'schema',
      ruleIndex: index,
      level: 'error',
      message: { text: 'Unknown field `titel`: 100% wrong,\nsee docs' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'processes/b,1.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 6 } } }],
    });
    expect(log.runs[0].results[1].level).toBe('warning');
  });
});

describe('every format', () => {
  // Two files with findings: each format hands the second over before it has worded the rest.
  const many: FileResult[] = [results[1]!, { ...results[1]!, file: 'processes/c.md', findings: results[1]!.findings.map((finding) => ({ ...finding, file: 'processes/c.md' })) }];

  it.each(Object.entries({ stylish, json, junit, github, sarif }))('%s yields the report in pieces, a file or a finding at a time', (_, formatter) => {
    const pieces = [...formatter(many, options)];
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    const second = pieces.findIndex((piece) => piece.includes('processes/c.md'));
    expect(second).toBeGreaterThan(0);
    expect(pieces.slice(0, second).join('')).not.toContain('processes/c.md');
  });

  it('sarif with no findings is still a valid log with an empty results array', () => {
    const log = JSON.parse(formatted(sarif, [results[0]!], options)) as { runs: Array<{ results: unknown[] }> };
    expect(log.runs[0]!.results).toEqual([]);
  });
});
