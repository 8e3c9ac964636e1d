import { CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import { ensureSyntaxTree } from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { EditorState, type Text } from '@codemirror/state';
import type { EditorView, Tooltip } from '@codemirror/view';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import type { JSONSchema7 } from 'json-schema';
import type { Locale } from '../../../scripts/core/messages.ts';
import processSchema from '../../../schemas/json/process.schema.json';

/**
 * Completion and hover docs from the generated JSON Schema (schemas/json/process.schema.json), in
 * the reader's language, over the front matter of the one editor that holds the whole file.
 * codemirror-json-schema reads a YAML document; the file is Markdown with YAML front matter, so it
 * is shown the front matter alone (a YAML state beside the editor's, kept per document) and its
 * positions are shifted back. Validation is the linter's own `schema` rule, as in CI.
 */

/** The schema with each bilingual description ("中文\nEnglish") cut to the reader's language. */
export function localizedSchema(locale: Locale): JSONSchema7 {
  const pick = (description: string) => {
    const [zh, en] = description.split('\n');
    return (locale === 'en' ? en : zh) ?? description;
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'description' && typeof inner === 'string' ? pick(inner) : walk(inner)]));
  };
  return walk(processSchema) as JSONSchema7;
}

/** Where the front matter's YAML is: after the opening `---` line, up to the closing one. */
export function frontMatterRange(doc: Text): { from: number; to: number } | undefined {
  if (doc.lines < 2 || !/^---[ \t]*$/.test(doc.line(1).text)) return undefined;
  for (let n = 2; n <= doc.lines; n++) {
    const line = doc.line(n);
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line.text)) return { from: doc.line(2).from, to: line.from };
  }
  return undefined;
}

export function schemaSupport(locale: Locale): { completion: CompletionSource; hover: (view: EditorView, pos: number, side: -1 | 1) => Promise<Tooltip | null> } {
  const schema = localizedSchema(locale);
  const shadows = new WeakMap<Text, { state: EditorState; from: number; to: number } | null>();
  /** The front matter as a YAML editor state of its own, parsed, for the document `doc`. */
  const shadowOf = (doc: Text) => {
    if (shadows.has(doc)) return shadows.get(doc)!;
    const range = frontMatterRange(doc);
    const shadow = range ? { state: EditorState.create({ doc: doc.sliceString(range.from, range.to), extensions: [yaml(), stateExtensions(schema)] }), ...range } : null;
    if (shadow) ensureSyntaxTree(shadow.state, shadow.state.doc.length, 200);
    shadows.set(doc, shadow);
    return shadow;
  };
  const complete = yamlCompletion();
  const hover = yamlSchemaHover({
    formatHover: ({ message, typeInfo }) => {
      const box = document.createElement('div');
      box.className = 'hb-schema-hover';
      if (message) box.append(Object.assign(document.createElement('p'), { textContent: message }));
      if (typeInfo) box.append(Object.assign(document.createElement('code'), { textContent: typeInfo.replace(/`/g, '') }));
      return box;
    },
  });
  return {
    completion(context) {
      const shadow = shadowOf(context.state.doc);
      if (!shadow || context.pos < shadow.from || context.pos > shadow.to) return null;
      const inner = complete(new CompletionContext(shadow.state, context.pos - shadow.from, context.explicit)) as CompletionResult | never[];
      if (Array.isArray(inner) || inner.options.length === 0) return null;
      return { ...inner, from: inner.from + shadow.from, ...(inner.to !== undefined ? { to: inner.to + shadow.from } : {}) };
    },
    async hover(view, pos, side) {
      const shadow = shadowOf(view.state.doc);
      if (!shadow || pos < shadow.from || pos > shadow.to) return null;
      const tip = await hover({ state: shadow.state } as EditorView, pos - shadow.from, side);
      return tip ? { ...tip, pos: tip.pos + shadow.from, ...(tip.end !== undefined ? { end: tip.end + shadow.from } : {}) } : null;
    },
  };
}
