import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { renderCore } from '../../scripts/core/render.ts';
import { parseYaml } from '../../scripts/core/yaml-source.ts';
import { indexForms, loadForms } from '../../scripts/model/form-registry.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { FIXTURE_ORG } from '../rule-tester.ts';

const org = indexOrg(loadOrg('org.yml', FIXTURE_ORG).org!);
const lines = (text: string, locale: 'zh-CN' | 'en' = 'en') => loadForms('forms.yml', text, { org }).problems.map((p) => `${p.line}:${p.column} ${renderCore(p.messageId, p.data, locale)}`);

const VALID = `forms:
  - id: expense-claim
    name: 费用报销单
    nameEn: Expense claim
    description: 员工报销时填写。
    owner: accountant
    location: { system: OA 系统, path: 财务 > 费用报销 }
  - id: task-list
    name: 部门任务清单
    description: 登记部门任务。
    owner: department-head
    template:
      layout: table
      fields: [{ name: 任务名称 }, { name: 接收人 }]
      rows: [[月报, 张三]]
`;

describe('the forms registry', () => {
  it('reads a valid registry and indexes it by the name the specs use and by id', () => {
    const loaded = loadForms('forms.yml', VALID, { org });
    expect(loaded.problems).toEqual([]);
    const index = indexForms(loaded.registry);
    expect(index.byName.get('费用报销单')?.id).toBe('expense-claim');
    expect(index.byId.get('task-list')?.template?.fields.map((f) => f.name)).toEqual(['任务名称', '接收人']);
  });

  it('an absent or empty registry is an empty index', () => {
    expect(loadForms('forms.yml', '').problems).toEqual([]);
    expect(indexForms(undefined).forms).toEqual([]);
  });

  it('reports schema errors at the key, with a suggestion', () => {
    expect(lines(VALID.replace('    nameEn: Expense claim\n', '    nameEN: Expense claim\n'))).toEqual([
      '4:5 Unknown field `nameEN` in forms[0] — did you mean `nameEn`?',
    ]);
  });

  it('reports what only the whole registry and the org can tell, in both languages', () => {
    const text = `${VALID}  - id: expense-claim
    name: 《部门任务清单》
    description: 重复。
    owner: nobody
`;
    expect(lines(text)).toEqual([
      '17:11 Write the form name `《部门任务清单》` without 《》: the specs write 《部门任务清单》, the registry 部门任务清单.',
      '16:9 `expense-claim` is already used by form 1; make it unique or merge the two entries.',
      '19:12 Role `nobody` is not in the org registry; write a role id from processes/org.yml.',
      '16:5 Form "《部门任务清单》" does not say where it lives: add `location` (system and path) or `template` (its fields), or both.',
    ]);
    expect(lines(text, 'zh-CN')[3]).toMatch(/^16:5 表单“《部门任务清单》”没有说明在哪里/);
  });

  it('reports a template row that does not match the fields', () => {
    expect(lines(VALID.replace('[[月报, 张三]]', '[[月报]]'))).toEqual(['15:14 This row has 1 items but the template has 2 fields; give one item per field.']);
  });
});

describe('the handbook\'s forms registry', () => {
  const handbookOrg = indexOrg(loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!);
  const text = readFileSync('processes/forms.yml', 'utf8');

  it('is valid against the org registry', () => {
    expect(loadForms('processes/forms.yml', text, { org: handbookOrg }).problems).toEqual([]);
  });

  it('is valid against the generated JSON Schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync('schemas/json/forms.schema.json', 'utf8')));
    expect(validate(parseYaml(text, 1).data), JSON.stringify(validate.errors)).toBe(true);
  });
});
