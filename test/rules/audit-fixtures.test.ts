/**
 * The pre-correction versions of three processes (`test/fixtures/audit/`, verbatim), linted
 * with the recommended preset: each defect the internal-control review found is reported by
 * the rule written for it, at its line. The corrected versions in `processes/` lint clean
 * (`test/cli/handbook.test.ts`), so every assertion here fails on the defect and passes on
 * its correction.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../scripts/lint/resolve.ts';
import { lintTexts } from '../lint/helpers.ts';

const DIR = new URL('../fixtures/audit/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DIR), 'utf8');
const NAMES = ['annual-operating-plan.md', 'customer-complaint.md', 'expense-reimbursement.md'];
const REVIEW_RULES = ['approval-outcomes', 'change-control', 'cross-department-review', 'loop-flags', 'process-complete', 'review-independence', 'segregation-of-duties'];

/** The 1-based line of the first line containing `needle` after the line containing `anchor`. */
function lineAfter(name: string, anchor: string, needle: string): number {
  const lines = read(name).split('\n');
  const from = lines.findIndex((line) => line.includes(anchor));
  expect(from, `${name}: ${anchor}`).toBeGreaterThanOrEqual(0);
  const at = lines.findIndex((line, i) => i > from && line.includes(needle));
  expect(at, `${name}: ${needle} after ${anchor}`).toBeGreaterThan(from);
  return at + 1;
}

let results: Map<string, FileResult>;
beforeAll(async () => {
  const files = NAMES.map((name) => ({ file: `test/fixtures/audit/${name}`, text: read(name) }));
  results = new Map((await lintTexts(files, { org: read('org.yml'), today: '2026-11-23' })).map((result) => [result.file.split('/').pop()!, result]));
});

/** The findings of the review's rules in one fixture, as `line rule messageId`. */
const found = (name: string) =>
  results.get(name)!.findings.filter((d) => REVIEW_RULES.includes(d.ruleId)).map((d) => `${d.line} ${d.ruleId} ${d.messageId}`);

describe('the pre-correction specs fail the internal-control rules', () => {
  it('expense-reimbursement: the manager and director approvals cannot refuse; 1.3.0 was never reviewed', () => {
    const name = 'expense-reimbursement.md';
    expect(found(name)).toEqual(expect.arrayContaining([
      `${lineAfter(name, '- id: manager-approve', 'next: pay')} approval-outcomes singleWay`,
      `${lineAfter(name, '- id: director-approve', 'next: pay')} approval-outcomes singleWay`,
      `${lineAfter(name, '  design:', 'date:')} change-control stageNotRepeated`,
      `${lineAfter(name, '  review:', 'date:')} change-control stageNotRepeated`,
      `${lineAfter(name, '  release:', 'date:')} change-control stageNotRepeated`,
    ]));
    // The two threshold approvals before them have branches but no outcomes.
    expect(found(name).filter((f) => f.includes('missingOutcome'))).toHaveLength(5);
  });

  it('annual-operating-plan: the loop flag sits on the forward branch, the change approval cannot refuse, 2.0.0 was never reviewed', () => {
    const name = 'annual-operating-plan.md';
    expect(found(name)).toEqual([
      `${lineAfter(name, 'to: change-request', 'loop: true')} loop-flags forwardLoop`,
      `${lineAfter(name, '- id: change-approve', 'next: monitor')} approval-outcomes singleWay`,
      `${lineAfter(name, '  design:', 'date:')} change-control stageNotRepeated`,
      `${lineAfter(name, 'lifecycle:', '  review:')} cross-department-review noReviewers`,
      `${lineAfter(name, '  review:', 'date:')} change-control stageNotRepeated`,
      `${lineAfter(name, '  release:', 'date:')} change-control stageNotRepeated`,
    ]);
  });

  it('customer-complaint: 2.0.0 and 2.1.0 changed the flow after the only review, which recorded no reviewers', () => {
    const name = 'customer-complaint.md';
    expect(found(name)).toEqual([
      `${lineAfter(name, '  design:', 'date:')} change-control stageNotRepeated`,
      `${lineAfter(name, 'lifecycle:', '  review:')} cross-department-review noReviewers`,
      `${lineAfter(name, '  review:', 'date:')} change-control stageNotRepeated`,
      `${lineAfter(name, '  release:', 'date:')} change-control stageNotRepeated`,
    ]);
  });

  it('the corrected specs in processes/ have none of these findings', async () => {
    const corrected = NAMES.map((name) => {
      const file = ['business', 'management', 'information'].map((category) => `processes/${category}/${name}`).find((path) => existsSync(path))!;
      return { file, text: readFileSync(file, 'utf8') };
    });
    const findings = (await lintTexts(corrected, { org: readFileSync('processes/org.yml', 'utf8'), today: '2026-11-23' })).flatMap((r) => r.findings.filter((d) => REVIEW_RULES.includes(d.ruleId)).map((d) => `${r.file}:${d.line} ${d.ruleId}`));
    expect(findings).toEqual([]);
  });
});
