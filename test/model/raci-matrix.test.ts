import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { flowOrder } from '../../scripts/model/graph.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { raciMatrix } from '../../scripts/model/raci-matrix.ts';

const spec = loadSpec('processes/business/customer-complaint.md', readFileSync('processes/business/customer-complaint.md')).spec!;
const model = buildModel(spec);

describe('raciMatrix', () => {
  it('lists the roles in the order the flow first names them, and the steps in flow order', () => {
    const matrix = raciMatrix(model);
    expect(matrix.roles.slice(0, 3)).toEqual(['cs-agent', 'cs-manager', 'complaint-supervisor']);
    expect(matrix.steps).toEqual(flowOrder(model));
  });

  it('gives each step its letters, marking an A that comes from a default', () => {
    const matrix = raciMatrix(model);
    const receive = model.byId.get('receive')!;
    expect(matrix.cell(receive, 'cs-agent')).toEqual({ letters: 'R', defaultA: false });
    expect(matrix.cell(receive, 'cs-manager')).toEqual({ letters: 'A', defaultA: true });
    const quality = model.byId.get('investigate-quality')!;
    expect(matrix.cell(quality, 'quality-manager')).toEqual({ letters: 'A', defaultA: false });
    expect(matrix.cell(model.byId.get('escalate')!, 'operations-director')).toEqual({ letters: 'I', defaultA: false });
    expect(matrix.cell(model.byId.get('investigate-other')!, 'cs-manager')).toEqual({ letters: 'AC', defaultA: true });
    expect(matrix.anyDefaultA).toBe(true);
  });
});
