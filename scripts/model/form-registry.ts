import { FormRegistrySchema, type Form, type FormRegistry } from '../../schemas/forms.ts';
import type { Position, SourceProblem, YamlPath } from '../core/diagnostic.ts';
import { friendlyIssues } from '../core/friendly-issues.ts';
import { t, type Locale } from '../core/messages.ts';
import { decodeSource } from '../core/source.ts';
import { parseYaml } from '../core/yaml-source.ts';
import { formName } from './handbook.ts';
import type { OrgIndex } from './org-index.ts';

export interface LoadedForms {
  file: string;
  /** The registry, when it could be read and matches the schema (it may still have problems). */
  registry?: FormRegistry;
  problems: SourceProblem[];
  locate(path: YamlPath, target?: 'key' | 'value'): Position;
}

/**
 * Reads the forms registry (`processes/forms.yml`); never throws. Problems carry line and column
 * and say what to do, in the locale asked for: YAML and schema errors (with "did you mean"), a name
 * written with 《》, an id or a name used twice, an owner not in the org registry (when one is
 * given), a form that says neither where it lives nor what its template holds, and a template row
 * whose items do not match its fields.
 */
export function loadForms(file: string, content: Uint8Array | string, options: { locale?: Locale; org?: OrgIndex } = {}): LoadedForms {
  const locale = options.locale ?? 'en';
  const zh = locale === 'zh-CN';
  const decoded = typeof content === 'string' ? { text: content.replace(/\r\n?/g, '\n'), problems: [] } : decodeSource(content, locale);
  const yaml = parseYaml(decoded.text, 1, locale);
  const problems: SourceProblem[] = [...decoded.problems, ...yaml.problems];
  for (const duplicate of yaml.duplicateKeys) {
    problems.push({ line: duplicate.line, column: duplicate.column, path: duplicate.path, message: t(locale, 'yaml.duplicateKey', { key: duplicate.path.at(-1) }) });
  }
  if (yaml.problems.length > 0) return { file, problems, locate: yaml.locate };
  const result = FormRegistrySchema.safeParse(yaml.data ?? { forms: [] });
  if (!result.success) {
    problems.push(...friendlyIssues(FormRegistrySchema, result.error.issues, yaml.data, yaml, locale));
    return { file, problems, locate: yaml.locate };
  }
  const registry = result.data;
  const at = (path: YamlPath, message: string, target?: 'key') => problems.push({ ...yaml.locate(path, target), path, message });
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  registry.forms.forEach((form, index) => {
    const path = ['forms', index];
    if (/[《》]/.test(form.name)) {
      at([...path, 'name'], zh ? `表单名称 \`${form.name}\` 不要带书名号：流程中写《${formName(form.name)}》，登记表中写 ${formName(form.name)}。` : `Write the form name \`${form.name}\` without 《》: the specs write 《${formName(form.name)}》, the registry ${formName(form.name)}.`);
    }
    for (const [seen, key, value] of [[ids, 'id', form.id], [names, 'name', form.name]] as const) {
      const first = seen.get(value);
      if (first !== undefined) at([...path, key], zh ? `\`${value}\` 已在第 ${first + 1} 个表单中使用，请改为唯一的${key === 'id' ? '标识' : '名称'}或合并两条登记。` : `\`${value}\` is already used by form ${first + 1}; make it unique or merge the two entries.`);
      else seen.set(value, index);
    }
    if (options.org && !options.org.roles.has(form.owner)) {
      at([...path, 'owner'], zh ? `岗位 \`${form.owner}\` 不在组织注册表中，请写 processes/org.yml 中的岗位标识。` : `Role \`${form.owner}\` is not in the org registry; write a role id from processes/org.yml.`);
    }
    if (!form.location && !form.template) {
      at(path, zh ? `表单“${form.name}”没有说明在哪里：请添加 \`location\`（所在系统和路径）或 \`template\`（模板字段），或两者都写。` : `Form "${form.name}" does not say where it lives: add \`location\` (system and path) or \`template\` (its fields), or both.`);
    }
    const fields = form.template?.fields.length ?? 0;
    form.template?.rows?.forEach((row, rowIndex) => {
      if (row.length !== fields) {
        at([...path, 'template', 'rows', rowIndex], zh ? `这一行有 ${row.length} 项，而模板有 ${fields} 个字段；请每个字段写一项。` : `This row has ${row.length} items but the template has ${fields} fields; give one item per field.`);
      }
    });
  });
  return { file, registry, problems, locate: yaml.locate };
}

/** Look-ups over the registry by the name the specs use and by id. */
export interface FormIndex {
  forms: Form[];
  byName: Map<string, Form>;
  byId: Map<string, Form>;
}

export function indexForms(registry: FormRegistry | undefined): FormIndex {
  const forms = registry?.forms ?? [];
  return { forms, byName: new Map(forms.map((form) => [form.name, form])), byId: new Map(forms.map((form) => [form.id, form])) };
}
