import { shown, type Formatter } from './types.ts';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/** JUnit XML: a test suite per file, a failing test case per finding, one passing case for a clean file. */
export const junit: Formatter = function* (results, options) {
  const tests = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
  const failures = results.reduce((n, r) => n + r.findings.length, 0);
  yield `<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="processlint" tests="${tests}" failures="${failures}">\n`;
  for (const result of results) {
    const out: string[] = [];
    const file = escape(result.file);
    out.push(`  <testsuite name="${file}" tests="${Math.max(1, result.findings.length)}" failures="${result.findings.length}" errors="0">`);
    if (result.findings.length === 0) out.push(`    <testcase name="processlint" classname="${file}"/>`);
    for (const d of result.findings.map((finding) => shown(finding, options))) {
      const where = `${d.line}:${d.column}`;
      out.push(`    <testcase name="${escape(`${where} ${d.ruleId}`)}" classname="${file}">`);
      out.push(`      <failure type="${d.severity}" message="${escape(d.message)}">${escape(`${d.severity} ${result.file}:${where} ${d.message} (${d.ruleId})${d.url ? ` ${d.url}` : ''}`)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
    yield `${out.join('\n')}\n`;
  }
  yield '</testsuites>\n';
};
