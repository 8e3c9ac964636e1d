import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { globSync } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import { toMermaid } from '../../scripts/flowchart/to-mermaid.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { model, org as testOrg } from './helpers.ts';

// Mermaid's parser needs a DOM (DOMPurify); happy-dom is enough to parse, not to lay out.
type Mermaid = typeof import('mermaid').default;
let mermaid: Mermaid;
beforeAll(async () => {
  const window = new Window();
  Object.assign(globalThis, { window, document: window.document });
  mermaid = (await import('mermaid')).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
});

const files = globSync('processes/**/*.md').sort();
const orgLoaded = loadOrg('processes/org.yml', readFileSync('processes/org.yml'));
const org = orgLoaded.org ? indexOrg(orgLoaded.org) : undefined;

describe('Mermaid accepts the generated diagram of every spec in processes/', () => {
  it('finds specs', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    const loaded = loadSpec(file, readFileSync(file));
    it.skipIf(!loaded.spec)(file, async () => {
      const m = buildModel(loaded.spec!);
      for (const locale of ['zh-CN', 'en'] as const) await expect(mermaid.parse(toMermaid(m, org, { locale }))).resolves.toBeTruthy();
    });
  }
});

describe('hostile text stays inside its label', () => {
  it('parses to exactly the nodes and edges of the spec', async () => {
    const hostile = 'x"]; click s0 call alert(1); s9["evil"] --> s0 classDef a fill:#f00; `**b**` %%{init: {"securityLevel":"loose"}}%% <img src=x onerror=alert(1)> #35; & end\nsubgraph';
    const hostileModel = model([{ id: 'a', name: hostile, role: 'cs-agent', branches: [{ when: hostile, to: 'b' }, { when: 'ok', to: 'c' }] }, { id: 'b', name: hostile, next: 'c' }, { id: 'c', name: 'C', role: 'qc-specialist' }]);
    const text = toMermaid(hostileModel, testOrg, { title: hostile });
    const steps = buildDiagram(hostileModel, testOrg).stepNodes;
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as { getVertices(): Map<string, { text: string }>; getEdges(): unknown[]; getSubGraphs(): unknown[] };
    expect([...db.getVertices().keys()].sort()).toEqual(['finish', ...steps.values(), 'start'].sort());
    expect(db.getEdges()).toHaveLength(5);
    expect(db.getSubGraphs()).toHaveLength(3);
    // The would-be syntax is label text (entities are still encoded at this stage).
    const label = db.getVertices().get(steps.get('a')!)!.text;
    expect(label).toContain('click s0 call alert(1)');
    expect(label).not.toMatch(/["<>]/);
  });
});
