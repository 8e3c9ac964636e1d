import { stringify } from 'csv-stringify/sync';
import type { Form, FormField } from '../../schemas/forms.ts';
import { STAGE_IDS, type StageId } from '../../schemas/process.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import type { Localized } from '../../scripts/model/english.ts';
import type { FormIndex } from '../../scripts/model/form-registry.ts';
import { formName, type FormUse, type Handbook, type HandbookEntry } from '../../scripts/model/handbook.ts';
import type { OrgIndex } from '../../scripts/model/org-index.ts';
import { formAnchor } from './urls.ts';

/** One form of the site: every form a step or a lifecycle stage names, and every registered one. */
export interface CatalogueForm {
  /** The page's address segment: the registry id, or a stable hash of the name for an unregistered form. */
  slug: string;
  /** The name the specs write between 《》. */
  name: string;
  /** The registry's entry, when the form is registered. */
  form?: Form;
  producedBy: FormUse[];
  usedBy: FormUse[];
  /** Lifecycle stages that list it among their outputs. */
  stages: Array<{ process: HandbookEntry; stage: StageId }>;
  /** Roles that keep, produce or use it, and their departments: what the forms index filters by. */
  roles: string[];
  departments: string[];
}

export interface FormCatalogue {
  forms: CatalogueForm[];
  byName: Map<string, CatalogueForm>;
  bySlug: Map<string, CatalogueForm>;
}

/** The site's forms: the handbook's form index, the lifecycle outputs and the registry, by name. */
export function buildFormCatalogue(handbook: Handbook, registry: FormIndex, org: OrgIndex): FormCatalogue {
  const byName = new Map<string, CatalogueForm>();
  const entry = (name: string): CatalogueForm => {
    let form = byName.get(name);
    if (!form) {
      const registered = registry.byName.get(name);
      byName.set(name, (form = { slug: registered?.id ?? formAnchor(name), name, ...(registered ? { form: registered } : {}), producedBy: [], usedBy: [], stages: [], roles: [], departments: [] }));
    }
    return form;
  };
  for (const form of registry.forms) entry(form.name);
  for (const form of handbook.forms.values()) {
    const target = entry(form.name);
    target.producedBy.push(...form.producedBy);
    target.usedBy.push(...form.usedBy);
  }
  for (const process of handbook.entries) {
    for (const stage of STAGE_IDS) {
      for (const output of process.spec.lifecycle?.[stage]?.outputs ?? []) entry(formName(output)).stages.push({ process, stage });
    }
  }
  for (const form of byName.values()) {
    const roles = new Set<string>();
    if (form.form) roles.add(form.form.owner);
    for (const use of [...form.producedBy, ...form.usedBy]) if (use.node.step.role) roles.add(use.node.step.role);
    form.roles = [...roles];
    form.departments = [...new Set(form.roles.flatMap((role) => org.departmentOf(role)?.id ?? []))];
  }
  const forms = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { forms, byName, bySlug: new Map(forms.map((form) => [form.slug, form])) };
}

export { formLabel } from './form-label.ts';

/** The registered form's name in the page's language, marked Chinese when it has no English. */
export function formTitle(form: CatalogueForm, locale: Locale): Localized {
  return locale === 'en' && form.form?.nameEn ? { text: form.form.nameEn, lang: 'en' } : { text: form.name, lang: 'zh-CN' };
}

/**
 * A blank template as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese):
 * a register's columns as the header row, a form's fields one per row. Cells a spreadsheet would read
 * as a formula are escaped, so registry text never runs as one.
 */
export function templateCsv(form: Form, locale: Locale): string | undefined {
  const template = form.template;
  if (!template) return undefined;
  const label = (field: FormField) => (locale === 'en' && field.nameEn ? field.nameEn : field.name);
  const rows =
    template.layout === 'table'
      ? [template.fields.map(label), ...(template.rows ?? [])]
      : [[locale === 'en' ? 'Field' : '字段', locale === 'en' ? 'Entry' : '填写内容'], ...template.fields.map((field) => [label(field), ''])];
  return stringify(rows, { bom: true, escape_formulas: true, record_delimiter: 'windows' });
}
