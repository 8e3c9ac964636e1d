import { IdSchema, NonEmptyText } from './common.ts';
import { bilingual } from './describe.ts';
import { z } from './zod.ts';

/**
 * The forms registry, `processes/forms.yml`: what each form named in the specs (《费用报销单》) is,
 * where it lives and who keeps it, and for the handbook's own templates their fields or columns.
 * Specs name forms by `name`; the site gives each form a page at `/forms/<id>/`. Checks that need
 * the whole registry or the org (unique ids and names, a known owner, where a form lives) are the
 * loader's (`scripts/model/form-registry.ts`), with messages in both languages.
 */

const english = (zh: string, en: string) => NonEmptyText.optional().meta(bilingual(`${zh}（英文，可选）`, `${en} in English (optional)`));

export const FormFieldSchema = z
  .strictObject({
    name: NonEmptyText.meta(bilingual('字段或列名，例如 接收人', 'Field or column name, e.g. 接收人 (recipient)')),
    nameEn: english('字段或列名', 'Field or column name'),
    hint: NonEmptyText.optional().meta(bilingual('填写说明，例如 高/中/低', 'How to fill it in, e.g. high/medium/low')),
    hintEn: english('填写说明', 'How to fill it in'),
  })
  .meta(bilingual('模板中的一个字段或一列', 'A field or column of a template'));

export const FormTemplateSchema = z
  .strictObject({
    layout: z
      .enum(['table', 'form'])
      .meta(bilingual('table：逐行登记的清单，字段是表头的列；form：一事一张的单据，字段逐项填写', 'table: a register filled in row by row, the fields are its columns; form: one sheet per case, the fields filled in one by one')),
    fields: z.array(FormFieldSchema).min(1, { message: 'needs at least one field' }).meta(bilingual('字段或列，按模板中的顺序', 'Fields or columns, in the order of the template')),
    rows: z
      .array(z.array(z.string()))
      .optional()
      .meta(bilingual('预先填好的行（例如文件夹结构），每行的项与 fields 一一对应', 'Rows filled in beforehand (e.g. a folder structure), one item per field')),
  })
  .meta(bilingual('本手册提供的空白模板（可在网站下载）', 'A blank template the handbook provides (downloadable from the site)'));

export const FormLocationSchema = z
  .strictObject({
    system: NonEmptyText.meta(bilingual('所在系统或位置，例如 OA 系统、部门共享盘', 'The system or place it lives in, e.g. the OA system, the department share')),
    systemEn: english('所在系统或位置', 'System or place'),
    path: NonEmptyText.optional().meta(bilingual('系统中的路径，例如 财务 > 费用报销', 'Path in that system, e.g. 财务 > 费用报销')),
    pathEn: english('系统中的路径', 'Path in that system'),
  })
  .meta(bilingual('表单所在的系统和路径', 'Where the form lives: system and path'));

export const FormSchema = z
  .strictObject({
    id: IdSchema.meta(bilingual('表单标识（kebab-case），用作网址 /forms/<id>/', 'Form id (kebab-case), the address /forms/<id>/')),
    name: NonEmptyText.meta(bilingual('表单名称，不带书名号，与流程中《》内的名称一致', 'Form name without 《》, as the specs write it between 《》')),
    nameEn: english('表单名称', 'Form name'),
    description: NonEmptyText.meta(bilingual('这张表单是什么、记录什么、何时填写', 'What the form is, what it records and when it is filled in')),
    descriptionEn: english('表单说明', 'Description'),
    owner: IdSchema.meta(bilingual('维护该表单（模板）的岗位标识，见 processes/org.yml', 'Role id (from processes/org.yml) that keeps the form or its template')),
    location: FormLocationSchema.optional(),
    template: FormTemplateSchema.optional(),
  })
  .meta(bilingual('一张表单或一份输出文件', 'A form or output document'));

export const FormRegistrySchema = z
  .strictObject({
    $schema: z.string().optional(),
    forms: z.array(FormSchema).meta(bilingual('表单列表', 'The forms')),
  })
  .meta({
    title: 'Forms registry 表单登记',
    ...bilingual('表单登记：流程中提到的表单是什么、在哪里、由谁维护，以及手册模板的字段。', 'The forms registry: what the forms named in the specs are, where they live, who keeps them, and the fields of the handbook’s templates.'),
  });

export type FormRegistry = z.output<typeof FormRegistrySchema>;
export type Form = z.output<typeof FormSchema>;
export type FormField = z.output<typeof FormFieldSchema>;
