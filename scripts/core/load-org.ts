import { OrgSchema, type Org } from '../../schemas/org.ts';
import type { Position, SourceProblem, YamlPath } from './diagnostic.ts';
import { friendlyIssues } from './friendly-issues.ts';
import { t, type Locale } from './messages.ts';
import { decodeSource } from './source.ts';
import { parseYaml } from './yaml-source.ts';

export interface LoadedOrg {
  file: string;
  org?: Org;
  problems: SourceProblem[];
  locate(path: YamlPath, target?: 'key' | 'value'): Position;
}

/** Reads the org registry (`org.yml`); never throws. */
export function loadOrg(file: string, content: Uint8Array | string, locale: Locale = 'en'): LoadedOrg {
  const decoded = typeof content === 'string' ? { text: content.replace(/\r\n?/g, '\n'), problems: [] } : decodeSource(content, locale);
  const yaml = parseYaml(decoded.text, 1, locale);
  const problems = [...decoded.problems, ...yaml.problems];
  for (const duplicate of yaml.duplicateKeys) {
    problems.push({ line: duplicate.line, column: duplicate.column, path: duplicate.path, message: t(locale, 'yaml.duplicateKey', { key: duplicate.path.at(-1) }) });
  }
  if (yaml.problems.length > 0) return { file, problems, locate: yaml.locate };
  const result = OrgSchema.safeParse(yaml.data ?? {});
  if (!result.success) {
    problems.push(...friendlyIssues(OrgSchema, result.error.issues, yaml.data, yaml, locale));
    return { file, problems, locate: yaml.locate };
  }
  const org = result.data;
  const departments = new Set(org.departments.map((d) => d.id));
  org.roles.forEach((role, index) => {
    if (!departments.has(role.department)) {
      problems.push({
        ...yaml.locate(['roles', index, 'department']),
        path: ['roles', index, 'department'],
        message: locale === 'zh-CN'
          ? `岗位 \`${role.id}\` 所属部门 \`${role.department}\` 不在 departments 中，请先添加该部门或更正标识。`
          : `Role \`${role.id}\` belongs to department \`${role.department}\`, which is not in departments. Add the department or correct the id.`,
      });
    }
  });
  // Duties are referenced by roles and by the incompatible pairs; a misspelt id would silently disable a pair.
  const duties = new Set((org.duties ?? []).map((d) => d.id));
  const dutyRefs: Array<[YamlPath, string]> = [
    ...org.roles.flatMap((role, index) => (role.duties ?? []).map((duty, j): [YamlPath, string] => [['roles', index, 'duties', j], duty])),
    ...(org.incompatibleDuties ?? []).flatMap((pair, index) => pair.duties.map((duty, j): [YamlPath, string] => [['incompatibleDuties', index, 'duties', j], duty])),
  ];
  for (const [path, duty] of dutyRefs) {
    if (duties.has(duty)) continue;
    problems.push({
      ...yaml.locate(path),
      path,
      message: locale === 'zh-CN'
        ? `职务 \`${duty}\` 不在 duties 中，请先在 duties 中添加该职务或更正标识。`
        : `The duty \`${duty}\` is not in duties. Add it to duties or correct the id.`,
    });
  }
  for (const [list, items] of [['departments', org.departments], ['roles', org.roles], ['duties', org.duties ?? []]] as const) {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id)) {
        problems.push({
          ...yaml.locate([list, index, 'id']),
          path: [list, index, 'id'],
          message: locale === 'zh-CN' ? `标识 \`${item.id}\` 重复，请改为唯一的标识。` : `The id \`${item.id}\` is used twice; make it unique.`,
        });
      }
      seen.add(item.id);
    });
  }
  return { file, org, problems, locate: yaml.locate };
}
