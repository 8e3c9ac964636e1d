import type { Process } from '../../schemas/process.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { toMermaid } from '../../scripts/flowchart/to-mermaid.ts';
import { inEnglish } from '../../scripts/model/english.ts';
import type { OrgIndex } from '../../scripts/model/org-index.ts';
import { buildModel, type ProcessModel } from '../../scripts/model/process-model.ts';

/** A process's flowchart text in a language, as the site draws it: the English one from the spec's English names and conditions where it has them. */
export function diagramText(spec: Process, model: ProcessModel, org: OrgIndex | undefined, locale: Locale): string {
  return locale === 'en' ? toMermaid(buildModel(inEnglish(spec)), org, { locale: 'en' }) : toMermaid(model, org, { locale: 'zh-CN' });
}
