import { shown, type Formatter } from './types.ts';

/**
 * The results as JSON, compact (as ESLint's is): one object per file; each finding as data (rule,
 * message id, data, position) and worded, with its docs link.
 */
export const json: Formatter = function* (results, options) {
  yield '[';
  for (const [i, result] of results.entries()) {
    yield `${i ? ',' : ''}${JSON.stringify({ ...result, findings: result.findings.map((finding) => shown(finding, options)) })}`;
  }
  yield ']\n';
};
