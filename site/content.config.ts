import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { FormRegistrySchema } from '../schemas/forms.ts';
import { OrgSchema } from '../schemas/org.ts';
import { ProcessSchema } from '../schemas/process.ts';
import { z } from '../schemas/zod.ts';
import { UiStringsShape } from './lib/i18n.ts';
import { brokenLoader, formsLoader, orgLoader, processLoader } from './lib/loaders.ts';
import { allowBroken } from './lib/source.ts';

const Problem = z.object({ line: z.number(), column: z.number(), message: z.string() });

/**
 * Starlight validates the frontmatter of every generated page (StarlightPage) by calling the docs
 * schema's function anew, which builds the whole zod schema each time: about 5 s of a 1,000-process
 * handbook's 5,187 pages (cpu profile). The schema reads its context only for hero images, which the
 * handbook's pages do not have, so the first one built serves every page.
 */
const starlightDocs = docsSchema();
let docsPageSchema: ReturnType<typeof starlightDocs> | undefined;

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: (context) => (docsPageSchema ??= starlightDocs(context)) }),
  /** Starlight's UI strings plus the handbook's own (site/content/i18n/<lang>.json). */
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: UiStringsShape }) }),
  /** The process specs, validated by the same schema the linter uses. */
  processes: defineCollection({ loader: processLoader(), schema: ProcessSchema }),
  org: defineCollection({ loader: orgLoader(), schema: OrgSchema }),
  /** The forms registry (processes/forms.yml), validated by its own schema. */
  forms: defineCollection({ loader: formsLoader(), schema: FormRegistrySchema }),
  /** Specs that could not be read: only with HANDBOOK_ALLOW_BROKEN=1 (otherwise they stop the build). */
  ...(allowBroken()
    ? {
        brokenSpecs: defineCollection({
          loader: brokenLoader(),
          schema: z.object({ file: z.string(), problems: z.object({ 'zh-CN': z.array(Problem.loose()), en: z.array(Problem.loose()) }) }),
        }),
      }
    : {}),
};
