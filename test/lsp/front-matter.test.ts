/**
 * The language server's reading of a spec being typed: the front matter as a same-shaped YAML
 * view, the value under the cursor, and the table of fields that hold ids, held to the schema.
 */
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../scripts/json-schema.ts';
import { frontMatterView, inFrontMatter, parseView, pathPattern, valueAt } from '../../scripts/lsp/front-matter.ts';
import { ID_FIELDS } from '../../scripts/lsp/ids.ts';
import { withoutModeline } from '../../scripts/lsp/yaml-service.ts';

const SPEC = `---
# yaml-language-server: $schema=../../schemas/json/process.schema.json
id: demo
owner: 
department: cs
steps:
  - id: receive
    name: 接收
    role: cs-ag
    consulted:
      - 
    next: [classify, ]
  - id: classify
    name: 分类
    branches:
      - when: 普通
        to: 
---

# 正文 role: x
`;

/** The offset just after the first occurrence of `marker` (after `skip` earlier ones). */
function after(text: string, marker: string, skip = 0): number {
  let at = -1;
  for (let i = 0; i <= skip; i++) at = text.indexOf(marker, at + 1);
  if (at < 0) throw new Error(`no ${marker}`);
  return at + marker.length;
}

describe('frontMatterView', () => {
  it('keeps the length, the line breaks and the front matter; blanks the fences and the body', () => {
    const view = frontMatterView(SPEC)!;
    expect(view.yaml).toHaveLength(SPEC.length);
    const lines = view.yaml.split('\n');
    const original = SPEC.split('\n');
    expect(lines).toHaveLength(original.length);
    expect(view.firstLine).toBe(1);
    expect(original[view.endLine]).toBe('---');
    lines.forEach((line, i) => {
      if (inFrontMatter(view, i)) expect(line).toBe(original[i]);
      else expect(line.trim()).toBe('');
    });
  });

  it('keeps CRLF line ends and surrogate pairs where they are', () => {
    const text = '---\r\nid: a\r\ntitle: 😀 流程\r\n---\r\n正文 😀\r\n';
    const view = frontMatterView(text)!;
    expect(view.yaml).toHaveLength(text.length);
    expect(view.yaml.split('\r\n')).toEqual(['   ', 'id: a', 'title: 😀 流程', '   ', '     ', '']);
  });

  it('is undefined without front matter or when it is never closed', () => {
    expect(frontMatterView('# 标题\n')).toBeUndefined();
    expect(frontMatterView('---\nid: a\n')).toBeUndefined();
  });

  it('blanks the yaml-language-server modeline for the schema service, positions kept', () => {
    const view = frontMatterView(SPEC)!;
    const plain = withoutModeline(view.yaml);
    expect(plain).toHaveLength(view.yaml.length);
    expect(plain).not.toContain('yaml-language-server');
    expect(plain.split('\n')[2]).toBe('id: demo');
  });
});

describe('valueAt', () => {
  const view = frontMatterView(SPEC)!;
  const document = parseView(view);
  const site = (offset: number) => valueAt(document, view.yaml, offset);

  it('finds an empty value after `key: ` on its line', () => {
    expect(site(after(SPEC, 'owner: '))).toMatchObject({ path: ['owner'], text: '', lead: '' });
    // Right after the colon, a value needs a space before it.
    expect(site(after(SPEC, 'owner:'))).toMatchObject({ path: ['owner'], text: '', lead: ' ' });
    expect(site(after(SPEC, 'to: '))).toMatchObject({ path: ['steps', 1, 'branches', 0, 'to'], text: '' });
  });

  it('finds a scalar being typed, with its range to replace', () => {
    const found = site(after(SPEC, 'role: cs-ag'))!;
    expect(found.path).toEqual(['steps', 0, 'role']);
    expect(SPEC.slice(found.start, found.end)).toBe('cs-ag');
    expect(site(after(SPEC, 'department: c'))).toMatchObject({ path: ['department'], text: 'cs' });
  });

  it('finds items of block and flow sequences, and a new item in a flow sequence', () => {
    expect(pathPattern(site(after(SPEC, '      - '))!.path)).toBe('steps.*.consulted.*');
    expect(site(after(SPEC, 'next: [clas'))).toMatchObject({ path: ['steps', 0, 'next', 0], text: 'classify' });
    expect(site(after(SPEC, 'next: [classify, '))!.path).toEqual(['steps', 0, 'next', 1]);
  });

  it('is nothing on a key, between entries, or on the next line', () => {
    expect(site(after(SPEC, 'own'))).toBeUndefined();
    expect(site(after(SPEC, 'steps:\n'))).toBeUndefined();
    expect(site(after(SPEC, 'owner: \n'))).toBeUndefined();
  });
});

describe('ID_FIELDS', () => {
  /** The JSON Schema of the value at a path pattern (`*` for an item), through anyOf where one branch fits. */
  function schemaAt(pattern: string): Record<string, unknown> | undefined {
    let node: Record<string, unknown> | undefined = jsonSchemas()['process.schema.json'] as Record<string, unknown>;
    for (const segment of pattern.split('.')) {
      const options: Array<Record<string, unknown>> = node?.anyOf ? (node.anyOf as Array<Record<string, unknown>>) : node ? [node] : [];
      node = undefined;
      for (const option of options) {
        const next = segment === '*' ? (option.items as Record<string, unknown> | undefined) : (option.properties as Record<string, Record<string, unknown>> | undefined)?.[segment];
        if (next) node = next;
      }
    }
    return node;
  }

  it.each(Object.keys(ID_FIELDS))('%s is a kebab-case id field of the spec schema', (pattern) => {
    const schema = schemaAt(pattern);
    const strings = schema?.anyOf ? (schema.anyOf as Array<Record<string, unknown>>).filter((s) => s.type === 'string') : [schema];
    expect(strings.length, pattern).toBeGreaterThan(0);
    for (const string of strings) expect(string).toMatchObject({ type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
  });
});
