import { FormRegistrySchema, type Form, type FormRegistry } from '../../schemas/forms.ts';
import type { Position, SourceProblem, YamlPath } from '../core/diagnostic.ts';
import { friendlyIssues } from '../core/friendly-issues.ts';
import type { MessageKey } from '../core/messages.ts';
import type { MessageData } from '../core/render.ts';
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
 * and say what to do (as data, worded where they are shown): YAML and schema errors (with "did you mean"), a name
 * written with 《》, an id or a name used twice, an owner not in the org registry (when one is
 * given), a form that says neither where it lives nor what its template holds, and a template row
 * whose items do not match its fields.
 */
export function loadForms(file: string, content: Uint8Array | string, options: { org?: OrgIndex } = {}): LoadedForms {
  const decoded = typeof content === 'string' ? { text: content.replace(/\r\n?/g, '\n'), problems: [] } : decodeSource(content);
  const yaml = parseYaml(decoded.text, 1);
  const problems: SourceProblem[] = [...decoded.problems, ...yaml.problems];
  for (const duplicate of yaml.duplicateKeys) {
    problems.push({ line: duplicate.line, column: duplicate.column, path: duplicate.path, messageId: 'yaml.duplicateKey', data: { key: String(duplicate.path.at(-1)) } });
  }
  if (yaml.problems.length > 0) return { file, problems, locate: yaml.locate };
  const result = FormRegistrySchema.safeParse(yaml.data ?? { forms: [] });
  if (!result.success) {
    problems.push(...friendlyIssues(FormRegistrySchema, result.error.issues, yaml.data, yaml));
    return { file, problems, locate: yaml.locate };
  }
  const registry = result.data;
  const at = (path: YamlPath, problem: { messageId: MessageKey; data: MessageData }) => problems.push({ ...yaml.locate(path), path, ...problem });
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  registry.forms.forEach((form, index) => {
    const path = ['forms', index];
    if (/[《》]/.test(form.name)) {
      at([...path, 'name'], { messageId: 'forms.bracketedName', data: { name: form.name, bare: formName(form.name) } });
    }
    for (const [seen, key, value] of [[ids, 'id', form.id], [names, 'name', form.name]] as const) {
      const first = seen.get(value);
      if (first !== undefined) at([...path, key], key === 'id' ? { messageId: 'forms.duplicateId', data: { value, form: first + 1 } } : { messageId: 'forms.duplicateName', data: { value, form: first + 1 } });
      else seen.set(value, index);
    }
    if (options.org && !options.org.roles.has(form.owner)) {
      at([...path, 'owner'], { messageId: 'forms.unknownOwner', data: { role: form.owner } });
    }
    if (!form.location && !form.template) {
      at(path, { messageId: 'forms.nowhere', data: { name: form.name } });
    }
    const fields = form.template?.fields.length ?? 0;
    form.template?.rows?.forEach((row, rowIndex) => {
      if (row.length !== fields) {
        at([...path, 'template', 'rows', rowIndex], { messageId: 'forms.rowLength', data: { items: row.length, fields } });
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
