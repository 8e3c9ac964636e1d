/**
 * Positions come from the events of the one js-yaml parse (scripts/core/yaml-positions.ts). The
 * `yaml` package, which keeps source ranges, is the oracle: for every path in the handbook, the
 * fixtures and generated specs, as key and as value, both must point at the same start and end.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { generateOrg, generateSpec } from '../../scripts/bench/corpus.ts';
import { splitFrontMatter } from '../../scripts/core/source.ts';
import { specFilesIn } from '../../scripts/core/spec-files.ts';
import { parseYaml } from '../../scripts/core/yaml-source.ts';

type Path = Array<string | number>;

const documents = new Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>();

/** Where the `yaml` package puts a path (the nearest existing ancestor when it does not exist). */
function oracle(text: string, path: Path, target: 'key' | 'value') {
  let parsed = documents.get(text);
  if (!parsed) {
    const lines = new LineCounter();
    documents.set(text, (parsed = { doc: parseDocument(text, { version: '1.2', uniqueKeys: false, lineCounter: lines }), lines }));
  }
  const { doc, lines } = parsed;
  let node: unknown = doc.contents;
  let best: { key?: unknown; value?: unknown } = { value: node };
  for (const segment of path) {
    let next: unknown;
    let key: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair) [next, key] = [pair.value, pair.key];
    } else if (isSeq(node) && typeof segment === 'number') next = node.items[segment];
    if (next === undefined && key === undefined) break;
    node = next;
    best = { key, value: next };
  }
  const chosen = (target === 'key' ? (best.key ?? best.value) : (best.value ?? best.key)) as YamlNode | undefined;
  if (!chosen?.range) return { line: 1, column: 1 };
  const start = lines.linePos(chosen.range[0]);
  const end = lines.linePos(chosen.range[1]);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...prefix, key]));
  return out;
}

function frontMatters(): Array<[string, string]> {
  const texts: Array<[string, string]> = [];
  for (const folder of ['processes', 'test/fixtures']) for (const file of specFilesIn(folder)) texts.push([file, readFileSync(file, 'utf8')]);
  const org = generateOrg();
  for (let i = 0; i < 20; i++) texts.push([`generated-${i}`, generateSpec(i, 20, org).text]);
  return texts.flatMap(([file, text]) => {
    const yaml = splitFrontMatter(text.replace(/\r\n?/g, '\n')).frontMatter;
    return yaml === undefined ? [] : [[file, yaml] as [string, string]];
  });
}

describe('positions from the parse', () => {
  it('equal the yaml package\'s for every path of the handbook, the fixtures and generated specs', () => {
    let compared = 0;
    for (const [file, yaml] of frontMatters()) {
      const parsed = parseYaml(yaml, 1);
      if (parsed.data === undefined) continue;
      for (const path of [...paths(parsed.data), ['no-such-key'], ['steps', 999, 'role']]) {
        for (const target of ['key', 'value'] as const) {
          expect(parsed.locate(path, target), `${file} ${JSON.stringify(path)} ${target}`).toEqual(oracle(yaml, path, target));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20_000);
  });

  it('start where the yaml package says on random YAML of the shapes specs use (block and flow, quotes, comments, empty values), and scalars end there too', () => {
    const scalar = fc.oneof(fc.constantFrom('a', '投诉', '"q: x"', "'it''s'", '1.0', '', '~', '[x, y]', '{k: v}', '# 注释'), fc.stringMatching(/^[a-z][a-z -]{0,8}$/));
    const key = fc.constantFrom('id', 'name', 'next', 'to', '"quoted key"', 'when');
    const block = (depth: number): fc.Arbitrary<string[]> =>
      depth === 0
        ? scalar.map((s) => [s])
        : fc.oneof(
            scalar.map((s) => [s]),
            fc.array(fc.tuple(key, block(depth - 1)), { minLength: 1, maxLength: 3 }).map((pairs) => pairs.flatMap(([k, v]) => (v.length === 1 ? [`${k}: ${v[0]}`] : [`${k}:`, ...v.map((line) => `  ${line}`)]))),
            fc.array(block(depth - 1), { minLength: 1, maxLength: 3 }).map((items) => items.flatMap((v) => [`- ${v[0]}`, ...v.slice(1).map((line) => `  ${line}`)])),
          );
    // Where a collection ends after an empty last item the packages disagree by a line break, so
    // there starts are compared for every node and ends for scalars (what an editor underlines).
    const scalarAt = (data: unknown, path: Path) => {
      let value = data;
      for (const segment of path) value = (value as Record<string | number, unknown>)[segment];
      return value === null || typeof value !== 'object';
    };
    fc.assert(
      fc.property(block(3), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const parsed = parseYaml(text, 1);
        // Odd indentation can make the two parsers read different data; positions are compared where they agree.
        if (parsed.data === undefined || JSON.stringify(parseDocument(text, { version: '1.2' }).toJS()) !== JSON.stringify(parsed.data)) return;
        for (const path of paths(parsed.data)) {
          for (const target of ['key', 'value'] as const) {
            const [mine, theirs] = [parsed.locate(path, target), oracle(text, path, target)];
            expect([mine.line, mine.column], `${JSON.stringify(path)} ${target}`).toEqual([theirs.line, theirs.column]);
            const keyNode = target === 'key' && typeof path.at(-1) === 'string';
            if (keyNode || scalarAt(parsed.data, path)) expect(mine, `${JSON.stringify(path)} ${target}`).toEqual(theirs);
          }
        }
      }),
      { numRuns: 500, seed: 20261130 },
    );
  });
});
