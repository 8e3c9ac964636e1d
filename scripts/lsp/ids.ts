import type { Root } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { isMap, isSeq, type Document } from 'yaml';
import { CompletionItemKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../core/messages.ts';
import type { OrgIndex } from '../model/org-index.ts';
import { pathPattern, type ValueSite } from './front-matter.ts';

/**
 * Completion and hover for the ids a spec refers to: roles and departments from the spec's org
 * registry (its nearest `org.yml`), steps of the spec itself, processes of the handbook.
 */

export type IdKind = 'role' | 'department' | 'step' | 'process';

/**
 * The front-matter fields that hold an id, by path pattern: the ones `step-owner` checks against
 * the org registry, `step-ref` against the spec's steps and `process-ref` against the handbook.
 * A test holds every pattern to an id field of the generated JSON Schema.
 */
export const ID_FIELDS: Readonly<Record<string, IdKind>> = {
  owner: 'role',
  'steps.*.role': 'role',
  'steps.*.accountable': 'role',
  'steps.*.accountable.*': 'role',
  'steps.*.consulted.*': 'role',
  'steps.*.informed.*': 'role',
  'exceptions.*.role': 'role',
  'lifecycle.review.approvedBy': 'role',
  'lifecycle.review.reviewers.*': 'role',
  department: 'department',
  'steps.*.next': 'step',
  'steps.*.next.*': 'step',
  'steps.*.branches.*.to': 'step',
  'kpis.*.from': 'step',
  'kpis.*.to': 'step',
  'exceptions.*.step': 'step',
  'scope.upstream.*': 'process',
  'scope.downstream.*': 'process',
};

/** What the ids come from. */
export interface IdSources {
  org?: OrgIndex;
  /** The spec being edited, parsed as it is. */
  document: Document;
  /** The handbook's process ids, each with the file that defines it. */
  processes: ReadonlyMap<string, string>;
}

interface IdChoice {
  id: string;
  /** A short line shown beside the id (a name). */
  detail: string;
  /** More, when there is more to say. */
  documentation?: string;
}

/** Which kind of id a value at `site` holds, if any. */
export function idKindAt(site: ValueSite): IdKind | undefined {
  return ID_FIELDS[pathPattern(site.path)];
}

function choices(kind: IdKind, sources: IdSources, locale: Locale): IdChoice[] {
  const english = locale === 'en';
  switch (kind) {
    case 'role':
      return [...(sources.org?.roles.values() ?? [])].map((role) => {
        const department = sources.org?.departments.get(role.department);
        const departmentName = department ? (english ? (department.nameEn ?? department.name) : department.name) : role.department;
        return { id: role.id, detail: `${english ? (role.nameEn ?? role.name) : role.name} · ${departmentName}`, ...(role.description ? { documentation: role.description } : {}) };
      });
    case 'department':
      return [...(sources.org?.departments.values() ?? [])].map((department) => ({
        id: department.id,
        detail: english ? (department.nameEn ?? department.name) : department.name,
        ...(department.description ? { documentation: department.description } : {}),
      }));
    case 'step':
      return stepsOf(sources.document).map((step) => ({ id: step.id, detail: step.name ?? '' }));
    case 'process':
      return [...sources.processes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, file]) => ({ id, detail: file }));
  }
}

/** The steps of the spec as typed so far: each mapping with a string id, in order. */
function stepsOf(document: Document): Array<{ id: string; name?: string }> {
  const steps = document.get('steps', true);
  if (!isSeq(steps)) return [];
  return steps.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const id = item.get('id');
    const name = item.get('name');
    return typeof id === 'string' && id !== '' ? [{ id, ...(typeof name === 'string' ? { name } : {}) }] : [];
  });
}

/** The ids that fit the value at `site`, replacing what is typed there. */
export function idCompletions(site: ValueSite, sources: IdSources, text: TextDocument, locale: Locale): CompletionItem[] {
  const kind = idKindAt(site);
  if (!kind) return [];
  const range = { start: text.positionAt(site.start), end: text.positionAt(site.end) };
  return choices(kind, sources, locale).map((choice, i) => ({
    label: choice.id,
    kind: kind === 'step' ? CompletionItemKind.Reference : CompletionItemKind.Value,
    detail: choice.detail,
    ...(choice.documentation ? { documentation: choice.documentation } : {}),
    filterText: choice.id,
    sortText: `0${String(i).padStart(5, '0')}`,
    textEdit: { range, newText: site.lead + choice.id },
  }));
}

/** What the id at `site` names (a role's name and department, a step's name), when it is known. */
export function idHover(site: ValueSite, sources: IdSources, locale: Locale): MarkupContent | undefined {
  const kind = idKindAt(site);
  const id = site.text.trim().replace(/^(['"])(.*)\1$/, '$2');
  const choice = kind ? choices(kind, sources, locale).find((candidate) => candidate.id === id) : undefined;
  if (!choice) return undefined;
  // Names and descriptions come from org.yml and specs: mdast text nodes, escaped when serialised.
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'paragraph', children: [{ type: 'inlineCode', value: choice.id }, { type: 'text', value: ` — ${choice.detail}` }] },
      ...(choice.documentation ? [{ type: 'paragraph' as const, children: [{ type: 'text' as const, value: choice.documentation }] }] : []),
    ],
  };
  return { kind: 'markdown', value: toMarkdown(tree).trimEnd() };
}
