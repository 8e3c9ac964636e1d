import type { Org } from '../../schemas/org.ts';
import type { Process } from '../../schemas/process.ts';

/** Who approves changes to a spec, as CODEOWNERS says and as the org registry says it should. */

/** Repository path of a spec (`processes/<category>/<id>.md`), whatever prefix the linter's file name has. */
export function repoPath(file: string): string {
  const normal = file.replace(/\\/g, '/').replace(/^\.\//, '');
  if (normal.startsWith('processes/')) return normal;
  const at = normal.lastIndexOf('/processes/');
  return at === -1 ? normal : normal.slice(at + 1);
}

/** The handles that must approve changes to a spec; empty when the org names none. */
export function ownersOf(spec: Pick<Process, 'owner' | 'department'>, org: Org): string[] {
  const role = org.roles.find((r) => r.id === spec.owner);
  if (role?.github?.length) return role.github;
  const department = org.departments.find((d) => d.id === spec.department) ?? org.departments.find((d) => d.id === role?.department);
  return department?.github ?? [];
}

/**
 * Who is asked to review work newly given to a role in a process. CODEOWNERS only
 * names the process owner, so a step handed to another department would otherwise
 * reach nobody there. The role's own `github`, else its department's, else the
 * handles of the department's roles that have one (the people who answer for it).
 */
export function reviewersFor(roleId: string, org: Org): string[] {
  const role = org.roles.find((r) => r.id === roleId);
  if (!role) return [];
  if (role.github?.length) return role.github;
  const department = org.departments.find((d) => d.id === role.department);
  if (department?.github?.length) return department.github;
  return [...new Set(org.roles.filter((r) => r.department === role.department).flatMap((r) => r.github ?? []))];
}

/** The CODEOWNERS pattern for a spec file. */
export function patternFor(file: string): string {
  return `/${repoPath(file)}`;
}

/** Entries of a CODEOWNERS text: pattern → owners (the last line for a pattern wins, as on GitHub). */
export function parseCodeowners(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const [pattern, ...owners] = line.split(/\s+/);
    entries.set(pattern!, owners);
  }
  return entries;
}
