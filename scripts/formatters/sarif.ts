import { ENGINE_CHECKS } from '../lint/findings.ts';
import { engineRules } from '../lint/registry.ts';
import { INFORMATION_URI, TOOL_NAME, VERSION } from '../lint/version.ts';
import { shown, type Formatter } from './types.ts';


/** SARIF 2.1.0 for GitHub code scanning: rule metadata with help links, one result per finding. */
export const sarif: Formatter = function* (results, options) {
  const { locale } = options;
  const rules = engineRules();
  const ids = new Set(Object.keys(rules));
  for (const r of results) for (const d of r.findings) ids.add(d.ruleId);
  const ordered = [...ids].sort();
  const index = new Map(ordered.map((id, i) => [id, i]));
  const descriptors = ordered.map((id) => {
    const rule = Object.hasOwn(rules, id) ? rules[id] : undefined;
    const description = rule?.meta.docs.description[locale] ?? ENGINE_CHECKS[id]?.description[locale] ?? id;
    const helpUri = options.docsUrl(id);
    return {
      id,
      name: id.replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase()).replace(/^\w/, (ch) => ch.toUpperCase()),
      shortDescription: { text: description },
      fullDescription: { text: rule?.meta.docs.rationale[locale] ?? description },
      ...(rule && helpUri ? { helpUri, help: { text: `${description} ${helpUri}` } } : {}),
      defaultConfiguration: { level: rule?.meta.severity === 'warn' ? 'warning' : 'error' },
    };
  });
  const resultsOf = (result: (typeof results)[number]) =>
    result.findings.map((finding) => shown(finding, options)).map((d) => ({
      ruleId: d.ruleId,
      ruleIndex: index.get(d.ruleId)!,
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(d.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.line,
              startColumn: d.column,
              ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
              ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
            },
          },
        },
      ],
    }));
  // The log with a placeholder where the results go: they are printed finding by finding in its place.
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules: descriptors } },
        results: ['RESULTS'],
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  if (!results.some((result) => result.findings.length)) {
    yield `${JSON.stringify({ ...log, runs: [{ ...log.runs[0]!, results: [] }] }, null, 2)}\n`;
    return;
  }
  // `head` ends where the first result goes, indented; `tail` closes the array.
  const [head, tail] = JSON.stringify(log, null, 2).split('"RESULTS"');
  const indent = '        ';
  yield head!;
  let first = true;
  for (const result of results) {
    for (const entry of resultsOf(result)) {
      yield `${first ? '' : `,\n${indent}`}${JSON.stringify(entry, null, 2).split('\n').join(`\n${indent}`)}`;
      first = false;
    }
  }
  yield `${tail!}\n`;
};
