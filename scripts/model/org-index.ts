import type { Department, Org, Role } from '../../schemas/org.ts';

/** Look-ups over the org registry, shared by rules and pages. */
export interface OrgIndex {
  org: Org;
  roles: Map<string, Role>;
  departments: Map<string, Department>;
  /** The department a role belongs to. */
  departmentOf(roleId: string): Department | undefined;
}

export function indexOrg(org: Org): OrgIndex {
  const roles = new Map(org.roles.map((role) => [role.id, role]));
  const departments = new Map(org.departments.map((department) => [department.id, department]));
  return {
    org,
    roles,
    departments,
    departmentOf: (roleId) => {
      const role = roles.get(roleId);
      return role ? departments.get(role.department) : undefined;
    },
  };
}
