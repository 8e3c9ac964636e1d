import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { parseYaml } from '../../scripts/core/yaml-source.ts';
import { jsonSchemas } from '../../scripts/json-schema.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const specFiles = globSync('processes/**/*.md', { cwd: root.pathname }).sort();

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateProcess = ajv.compile(JSON.parse(read('schemas/json/process.schema.json')));
const validateOrg = ajv.compile(JSON.parse(read('schemas/json/org.schema.json')));

describe('generated JSON Schema', () => {
  it('is up to date with the zod schemas (run `npm run schema` when this fails)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      expect(JSON.parse(read(`schemas/json/${name}`)), name).toEqual(JSON.parse(JSON.stringify(schema)));
    }
  });

  it('describes fields in Chinese and English', () => {
    const schema = JSON.parse(read('schemas/json/process.schema.json'));
    expect(schema.properties.owner.description).toMatch(/流程负责人岗位\nProcess owner role/);
  });

  it('finds the handbook to check', () => {
    expect(specFiles.length).toBeGreaterThan(0);
  });

  it.each(specFiles)('validates %s', (file) => {
    const loaded = loadSpec(file, read(file));
    expect(loaded.data).toBeDefined();
    const valid = validateProcess(loaded.data);
    expect(validateProcess.errors ?? [], file).toEqual([]);
    expect(valid).toBe(true);
  });

  it('validates the org registry', () => {
    const { data } = parseYaml(read('processes/org.yml'), 1);
    expect(validateOrg(data), JSON.stringify(validateOrg.errors)).toBe(true);
  });

  it('rejects what the zod schema rejects', () => {
    const base = loadSpec('x.md', read('processes/business/customer-complaint.md')).data as Record<string, unknown>;
    const broken = [
      { ...base, status: 'finished' },
      { ...base, id: 'Not Kebab' },
      { ...base, surprise: true },
      { ...base, steps: [] },
      { ...base, version: '2.1' },
      Object.fromEntries(Object.entries(base).filter(([key]) => key !== 'scope')),
    ];
    for (const data of broken) {
      expect(validateProcess(data)).toBe(false);
    }
  });
});
