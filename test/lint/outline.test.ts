import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { specFilesIn } from '../../scripts/core/spec-files.ts';
import { defaultConfig } from '../../scripts/lint/config.ts';
import { checkLoaded, load, portable, type CheckEnv } from '../../scripts/lint/engine.ts';
import { orgFromText } from '../../scripts/lint/org.ts';
import { engineRules } from '../../scripts/lint/registry.ts';
import { buildHandbook, decodeOutline, encodeOutline, outlineOf } from '../../scripts/model/handbook.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** The handbook and the broken fixtures (one defect per rule), each folder with its own registry. */
function corpus(folder: string) {
  const dir = path.join(root, folder);
  const org = orgFromText('org.yml', readFileSync(path.join(dir, 'org.yml'), 'utf8'), 'en').index;
  const env: CheckEnv = { config: defaultConfig('en'), rules: engineRules(), today: '2026-11-23', locale: 'en', orgFor: () => org };
  const loaded = specFilesIn(dir).map((absolute) => load(path.relative(root, absolute), readFileSync(absolute), 'en'));
  return { env, loaded, specs: loaded.flatMap((spec) => (spec.spec ? [{ file: spec.file, spec: spec.spec }] : [])) };
}

describe('outlines', () => {
  it.each(['processes', 'test/fixtures/broken'])('answer every rule on %s as the whole specs do', (folder) => {
    const { env, loaded, specs } = corpus(folder);
    expect(specs.length).toBeGreaterThan(10);
    const whole = buildHandbook(specs);
    const outlined = buildHandbook(specs.map(({ file, spec }) => ({ file, spec: outlineOf(spec) })));
    let findings = 0;
    for (const spec of loaded) {
      const expected = checkLoaded(spec, env, whole).findings.map(portable);
      findings += expected.length;
      expect(checkLoaded(spec, env, outlined).findings.map(portable)).toEqual(expected);
    }
    if (folder !== 'processes') expect(findings).toBeGreaterThan(10);
  });

  it('keep ids, step ids and each form once, and decode to what outlineOf gives', () => {
    const { specs } = corpus('processes');
    const complaint = specs.find(({ spec }) => spec.id === 'customer-complaint')!.spec;
    const outline = decodeOutline(encodeOutline(complaint));
    expect(outline).toEqual(outlineOf(complaint));
    expect(outline.steps.map((step) => step.id)).toEqual(complaint.steps.map((step) => step.id));
    const forms = (steps: typeof complaint.steps) => steps.flatMap((step) => [...(step.inputs ?? []), ...(step.outputs ?? [])]).map((text) => /《([^《》]+)》/.exec(text)?.[1] ?? text.trim());
    expect(forms(outline.steps).sort()).toEqual([...new Set(forms(complaint.steps))].sort());
    // Prose is not carried: an outline is a few hundred bytes, not the spec.
    expect(encodeOutline(complaint).length).toBeLessThan(JSON.stringify(complaint).length / 5);
  });
});
