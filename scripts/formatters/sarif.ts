import { INFORMATION_URI, TOOL_NAME, VERSION } from '../lint/version.ts';
import type { Formatter } from './types.ts';

const ENGINE_IDS: Record<string, { en: string; 'zh-CN': string }> = {
  'rule-error': { en: 'A rule failed on a file (a bug in the linter).', 'zh-CN': '某条规则在检查文件时出错（检查工具的缺陷）。' },
  'read-error': { en: 'A file could not be read.', 'zh-CN': '无法读取文件。' },
};

/** SARIF 2.1.0 for GitHub code scanning: rule metadata with help links, one result per finding. */
export const sarif: Formatter = (results, { locale, rules }) => {
  const ids = new Set(Object.keys(rules));
  for (const r of results) for (const d of r.diagnostics) ids.add(d.ruleId);
  const ordered = [...ids].sort();
  const index = new Map(ordered.map((id, i) => [id, i]));
  const descriptors = ordered.map((id) => {
    const rule = rules[id];
    const description = rule?.meta.docs.description[locale] ?? ENGINE_IDS[id]?.[locale] ?? id;
    return {
      id,
      name: id.replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase()).replace(/^\w/, (ch) => ch.toUpperCase()),
      shortDescription: { text: description },
      fullDescription: { text: rule?.meta.docs.rationale[locale] ?? description },
      ...(rule ? { helpUri: rule.meta.docs.url, help: { text: `${description} ${rule.meta.docs.url}` } } : {}),
      defaultConfiguration: { level: rule?.meta.severity === 'warn' ? 'warning' : 'error' },
    };
  });
  const sarifResults = results.flatMap((result) =>
    result.diagnostics.map((d) => ({
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
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules: descriptors } },
        results: sarifResults,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
