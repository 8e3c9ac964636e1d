import { FormRegistrySchema } from '../schemas/forms.ts';
import { OrgSchema } from '../schemas/org.ts';
import { ProcessSchema } from '../schemas/process.ts';
import { z } from '../schemas/zod.ts';

/**
 * JSON Schemas for editors, generated from the zod schemas (never hand-written).
 * Draft-07 because the VS Code YAML extension reads it everywhere.
 */
export function jsonSchemas(): Record<string, object> {
  const generate = (schema: z.ZodType, id: string) => ({
    ...z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }),
    $id: `https://handbook.example.com/schemas/${id}`,
  });
  return {
    'process.schema.json': generate(ProcessSchema, 'process.schema.json'),
    'org.schema.json': generate(OrgSchema, 'org.schema.json'),
    'forms.schema.json': generate(FormRegistrySchema, 'forms.schema.json'),
  };
}
