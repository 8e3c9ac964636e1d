import { OrgSchema, type Org } from '../../schemas/org.ts';
import type { Position, SourceProblem, YamlPath } from './diagnostic.ts';
import { friendlyIssues } from './friendly-issues.ts';
import { decodeSource } from './source.ts';
import { parseYaml } from './yaml-source.ts';

export interface LoadedOrg {
  file: string;
  org?: Org;
  problems: SourceProblem[];
  locate(path: YamlPath, target?: 'key' | 'value'): Position;
}

/** Reads the org registry (`org.yml`); never throws. */
export function loadOrg(file: string, content: Uint8Array | string): LoadedOrg {
  const decoded = typeof content === 'string' ? { text: content.replace(/\r\n?/g, '\n'), problems: [] } : decodeSource(content);
  const yaml = parseYaml(decoded.text, 1);
  const problems = [...decoded.problems, ...yaml.problems];
  for (const duplicate of yaml.duplicateKeys) {
    problems.push({ line: duplicate.line, column: duplicate.column, path: duplicate.path, messageId: 'yaml.duplicateKey', data: { key: String(duplicate.path.at(-1)) } });
  }
  if (yaml.problems.length > 0) return { file, problems, locate: yaml.locate };
  const result = OrgSchema.safeParse(yaml.data ?? {});
  if (!result.success) {
    problems.push(...friendlyIssues(OrgSchema, result.error.issues, yaml.data, yaml));
    return { file, problems, locate: yaml.locate };
  }
  const org = result.data;
  const departments = new Set(org.departments.map((d) => d.id));
  org.roles.forEach((role, index) => {
    if (!departments.has(role.department)) {
      problems.push({
        ...yaml.locate(['roles', index, 'department']),
        path: ['roles', index, 'department'],
        messageId: 'org.unknownDepartment',
        data: { role: role.id, department: role.department },
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
      messageId: 'org.unknownDuty',
      data: { duty },
    });
  }
  for (const [list, items] of [['departments', org.departments], ['roles', org.roles], ['duties', org.duties ?? []]] as const) {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id)) {
        problems.push({
          ...yaml.locate([list, index, 'id']),
          path: [list, index, 'id'],
          messageId: 'org.duplicateId',
          data: { id: item.id },
        });
      }
      seen.add(item.id);
    });
  }
  return { file, org, problems, locate: yaml.locate };
}
