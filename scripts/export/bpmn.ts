import { BpmnModdle, type ModdleObject } from 'bpmn-moddle';
import type { Locale } from '../core/messages.ts';
import { buildDiagram, END_NODE, type DiagramNode } from '../flowchart/diagram.ts';
import { localized } from '../model/english.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { ProcessModel, StepNode } from '../model/process-model.ts';
import { useTranslations } from '../../site/lib/i18n.ts';
import { stepFacts } from './step-facts.ts';

/**
 * A process as BPMN 2.0 XML, for BPM suites (Camunda Modeler, bpmn.io, Signavio …). It is drawn
 * from the same diagram as the site's flowchart (scripts/flowchart/diagram.ts), so lanes, their
 * order and the meaning of every split are the ones readers see: one pool, one lane per department
 * in the order the flow reaches them; steps as user tasks; a decision as an exclusive gateway whose
 * flows carry the conditions; an approval as its task followed by an exclusive gateway with both
 * outcomes; parallel work between a parallel split and join. Where BPMN asks more than the flowchart
 * draws, it gets what BPMN wants: one end event per step that ends the process, and an exclusive merge
 * gateway before any element that more than one flow enters (a loop back, or branches meeting), so no
 * activity joins implicitly. Laid out left to right: lanes as rows, columns by the longest forward path.
 * bpmn-moddle writes the XML, so spec text is escaped by the serializer, never by hand.
 */

export interface BpmnOptions {
  locale?: Locale;
}

const LABELS = {
  'zh-CN': { approved: '审批通过？', outcome: '结果？', end: '结束' },
  en: { approved: 'Approved?', outcome: 'Outcome?', end: 'End' },
} as const;

/** Shape sizes as bpmn-js draws them by default. */
const SIZE = { task: { width: 100, height: 80 }, gateway: { width: 50, height: 50 }, event: { width: 36, height: 36 } } as const;
const CELL = { width: 150, height: 110 };
const POOL_HEADER = 30;
const LANE_HEADER = 30;

interface FlowNode {
  id: string;
  element: ModdleObject;
  size: { width: number; height: number };
  lane: number;
  /** An exclusive gateway: its shape shows the X. */
  exclusive?: boolean;
  /** A parallel join: the one element that more than one flow may enter without a merge before it. */
  join?: boolean;
}

interface Flow {
  from: string;
  to: string;
  name?: string;
  loop: boolean;
}

export async function toBpmn(model: ProcessModel, org: OrgIndex | undefined, options: BpmnOptions = {}): Promise<string> {
  const definitions = buildDefinitions(new BpmnModdle(), model, org, options.locale ?? 'zh-CN');
  const { xml } = await definitions.moddle.toXML(definitions.root, { format: true });
  return xml;
}

function buildDefinitions(moddle: BpmnModdle, model: ProcessModel, org: OrgIndex | undefined, locale: Locale) {
  const spec = model.spec;
  const labels = LABELS[locale];
  const diagram = buildDiagram(model, org, locale);
  const documentation = (text: string | undefined) => (text?.trim() ? { documentation: [moddle.create('bpmn:Documentation', { text })] } : {});

  const nodes = new Map<string, FlowNode>();
  /** Diagram node id → BPMN element id (a step's repeat circle stands for the step itself). */
  const elementOf = new Map<string, string>();
  const add = (diagramId: string | undefined, node: FlowNode) => {
    nodes.set(node.id, node);
    if (diagramId) elementOf.set(diagramId, node.id);
  };
  const stepOwner = new Map<string, StepNode>();

  diagram.lanes.forEach((lane, laneIndex) => {
    for (const node of lane.nodes) {
      const element = elementFor(node);
      if (element) add(node.id, { ...element, lane: laneIndex });
    }
  });
  function elementFor(node: DiagramNode): Omit<FlowNode, 'lane'> | undefined {
    const step = node.step;
    switch (node.kind) {
      case 'start': {
        const start = localized(spec.scope.start, spec.scope.startEn, locale).text;
        return { id: 'StartEvent_1', element: moddle.create('bpmn:StartEvent', { id: 'StartEvent_1', name: start }), size: SIZE.event };
      }
      case 'task':
      case 'approval': {
        const id = `Step_${step!.step.id}`;
        stepOwner.set(id, step!);
        const facts = stepFacts(model, step!, org, locale);
        const performer = facts.role ? { resources: [moddle.create('bpmn:HumanPerformer', { name: facts.role })] } : {};
        return { id, element: moddle.create('bpmn:UserTask', { id, name: `${node.number}. ${facts.name}`, ...documentation(facts.lines.join('\n')), ...performer }), size: SIZE.task };
      }
      case 'decision': {
        const id = `Step_${step!.step.id}`;
        stepOwner.set(id, step!);
        const facts = stepFacts(model, step!, org, locale);
        return { id, element: moddle.create('bpmn:ExclusiveGateway', { id, name: `${node.number}. ${facts.name}`, ...documentation(facts.lines.join('\n')) }), size: SIZE.gateway, exclusive: true };
      }
      case 'choice': {
        const owner = diagram.edges.find((edge) => edge.to === node.id)!.from;
        const stepId = [...diagram.stepNodes].find(([, drawn]) => drawn === owner)![0];
        const id = `Outcome_${stepId}`;
        const name = model.byId.get(stepId)?.kind === 'approval' ? labels.approved : labels.outcome;
        return { id, element: moddle.create('bpmn:ExclusiveGateway', { id, name }), size: SIZE.gateway, exclusive: true };
      }
      case 'fork':
      case 'join': {
        const near = node.kind === 'fork' ? diagram.edges.find((edge) => edge.to === node.id)!.from : diagram.edges.find((edge) => edge.from === node.id)!.to;
        const stepId = [...diagram.stepNodes].find(([, drawn]) => drawn === near)![0];
        const id = `${node.kind === 'fork' ? 'Split' : 'Join'}_${stepId}`;
        return { id, element: moddle.create('bpmn:ParallelGateway', { id }), size: SIZE.gateway, join: node.kind === 'join' };
      }
      case 'repeat':
      case 'end':
        // The repeat circle is the site's way round a layout limit; an end event follows each last step instead of one shared end.
        return undefined;
    }
  }

  // A repeat circle leads back to its step: flows into it enter the step.
  for (const lane of diagram.lanes) {
    for (const node of lane.nodes) {
      if (node.kind !== 'repeat') continue;
      const back = diagram.edges.find((edge) => edge.from === node.id)!;
      elementOf.set(node.id, elementOf.get(back.to)!);
    }
  }
  const repeats = new Set(diagram.lanes.flatMap((lane) => lane.nodes.filter((node) => node.kind === 'repeat').map((node) => node.id)));

  const flows: Flow[] = [];
  const seen = new Set<string>();
  for (const edge of diagram.edges) {
    if (repeats.has(edge.from)) continue;
    const from = elementOf.get(edge.from)!;
    let to: string;
    if (edge.to === END_NODE) {
      const step = stepOwner.get(from)!;
      to = `EndEvent_${step.step.id}`;
      const last = diagram.lanes.findIndex((lane) => lane.nodes.some((node) => node.step === step));
      const name = step === model.ends.at(-1) ? localized(spec.scope.end, spec.scope.endEn, locale).text : labels.end;
      add(undefined, { id: to, element: moddle.create('bpmn:EndEvent', { id: to, name }), size: SIZE.event, lane: last });
    } else {
      to = elementOf.get(edge.to)!;
    }
    const key = `${from}\u0000${to}\u0000${edge.when ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    flows.push({ from, to, ...(edge.when?.trim() ? { name: edge.when } : {}), loop: edge.loop });
  }

  // An exclusive merge before every element more than one flow enters (parallel joins excepted).
  for (const node of [...nodes.values()]) {
    const entering = flows.filter((flow) => flow.to === node.id);
    if (entering.length < 2 || node.join) continue;
    const id = `Merge_${node.id}`;
    add(undefined, { id, element: moddle.create('bpmn:ExclusiveGateway', { id }), size: SIZE.gateway, lane: node.lane, exclusive: true });
    for (const flow of entering) flow.to = id;
    flows.push({ from: id, to: node.id, loop: false });
  }

  const layout = layOut([...nodes.values()], flows, diagram.lanes.length);

  // The elements, their flows, and the lanes that hold them.
  const process = moddle.create('bpmn:Process', { id: `Process_${spec.id}`, name: spec.title, isExecutable: false, ...documentation(localized(spec.goal, spec.goalEn, locale).text) });
  const flowElements: ModdleObject[] = [...nodes.values()].map((node) => node.element);
  const sequenceFlows = flows.map((flow, index) => {
    const source = nodes.get(flow.from)!;
    const target = nodes.get(flow.to)!;
    const element = moddle.create('bpmn:SequenceFlow', { id: `Flow_${index + 1}`, sourceRef: source.element, targetRef: target.element, ...(flow.name ? { name: flow.name } : {}) });
    pushRef(source.element, 'outgoing', element);
    pushRef(target.element, 'incoming', element);
    return element;
  });
  // Conditions on a split's flows when every one of them says when it is taken (bpmnlint: all or none).
  for (const node of nodes.values()) {
    if (!node.exclusive) continue;
    const out = sequenceFlows.filter((flow) => flow.sourceRef === node.element);
    if (out.length > 1 && out.every((flow) => typeof flow.name === 'string')) {
      for (const flow of out) flow.conditionExpression = moddle.create('bpmn:FormalExpression', { body: flow.name });
    }
  }
  const lanes = diagram.lanes.map((lane, index) =>
    moddle.create('bpmn:Lane', {
      id: `Lane_${index + 1}`,
      name: lane.id ? lane.name : useTranslations(locale)('common.unknownDepartment'),
      flowNodeRef: [...nodes.values()].filter((node) => node.lane === index).map((node) => node.element),
    }),
  );
  process.laneSets = [moddle.create('bpmn:LaneSet', { id: 'LaneSet_1', lanes })];
  process.flowElements = [...flowElements, ...sequenceFlows];

  const participant = moddle.create('bpmn:Participant', { id: 'Participant_1', name: localized(spec.title, spec.titleEn, locale).text, processRef: process });
  const collaboration = moddle.create('bpmn:Collaboration', { id: 'Collaboration_1', participants: [participant] });

  // Diagram interchange: where each shape and edge is drawn.
  const bounds = (box: { x: number; y: number; width: number; height: number }) => moddle.create('dc:Bounds', box);
  const shapes: ModdleObject[] = [
    moddle.create('bpmndi:BPMNShape', { id: 'Participant_1_di', bpmnElement: participant, isHorizontal: true, bounds: bounds(layout.pool) }),
    ...lanes.map((lane, index) => moddle.create('bpmndi:BPMNShape', { id: `${lane.id}_di`, bpmnElement: lane, isHorizontal: true, bounds: bounds(layout.lanes[index]!) })),
    ...[...nodes.values()].map((node) =>
      moddle.create('bpmndi:BPMNShape', { id: `${node.id}_di`, bpmnElement: node.element, ...(node.exclusive ? { isMarkerVisible: true } : {}), bounds: bounds(layout.boxes.get(node.id)!) }),
    ),
  ];
  const edges = sequenceFlows.map((flow, index) =>
    moddle.create('bpmndi:BPMNEdge', { id: `${flow.id}_di`, bpmnElement: flow, waypoint: layout.routes[index]!.map(([x, y]) => moddle.create('dc:Point', { x, y })) }),
  );
  const plane = moddle.create('bpmndi:BPMNPlane', { id: 'BPMNPlane_1', bpmnElement: collaboration, planeElement: [...shapes, ...edges] });
  const root = moddle.create('bpmn:Definitions', {
    id: `Definitions_${spec.id}`,
    targetNamespace: 'http://bpmn.io/schema/bpmn',
    exporter: 'process-handbook',
    exporterVersion: spec.version,
    rootElements: [collaboration, process],
    diagrams: [moddle.create('bpmndi:BPMNDiagram', { id: 'BPMNDiagram_1', plane })],
  });
  return { moddle, root };
}

function pushRef(element: ModdleObject, key: 'incoming' | 'outgoing', flow: ModdleObject): void {
  const list = (element[key] as ModdleObject[] | undefined) ?? [];
  list.push(flow);
  element[key] = list;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Columns by the longest forward path from the start (so every forward flow runs left to right and
 * the steps read in flow order), lanes as rows in the site's lane order; elements of one lane in the
 * same column (parallel branches in one department) stack in rows of that lane.
 */
function layOut(nodes: FlowNode[], flows: Flow[], laneCount: number) {
  const forward = flows.filter((flow) => !flow.loop);
  const column = new Map<string, number>();
  const indegree = new Map(nodes.map((node) => [node.id, 0]));
  for (const flow of forward) indegree.set(flow.to, indegree.get(flow.to)! + 1);
  const ready = nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  for (const id of ready) column.set(id, 0);
  while (ready.length > 0) {
    const id = ready.shift()!;
    for (const flow of forward.filter((candidate) => candidate.from === id)) {
      column.set(flow.to, Math.max(column.get(flow.to) ?? 0, column.get(id)! + 1));
      const left = indegree.get(flow.to)! - 1;
      indegree.set(flow.to, left);
      if (left === 0) ready.push(flow.to);
    }
  }
  // An undeclared cycle (the linter reports it) leaves nodes unplaced: they go after the rest, in order.
  let after = Math.max(0, ...column.values());
  for (const node of nodes) if (!column.has(node.id)) column.set(node.id, ++after);

  const rowOf = new Map<string, number>();
  const rows = Array.from({ length: laneCount }, () => 1);
  for (let lane = 0; lane < laneCount; lane++) {
    const taken = new Map<number, number>();
    for (const node of nodes.filter((candidate) => candidate.lane === lane)) {
      const row = taken.get(column.get(node.id)!) ?? 0;
      taken.set(column.get(node.id)!, row + 1);
      rowOf.set(node.id, row);
      rows[lane] = Math.max(rows[lane]!, row + 1);
    }
  }

  const columns = Math.max(...column.values()) + 1;
  const left = POOL_HEADER + LANE_HEADER;
  const width = left + columns * CELL.width + 20;
  const lanes: Box[] = [];
  let y = 0;
  for (let lane = 0; lane < laneCount; lane++) {
    const height = rows[lane]! * CELL.height + 20;
    lanes.push({ x: POOL_HEADER, y, width: width - POOL_HEADER, height });
    y += height;
  }
  const boxes = new Map<string, Box>();
  for (const node of nodes) {
    const cx = left + column.get(node.id)! * CELL.width + CELL.width / 2;
    const cy = lanes[node.lane]!.y + 10 + rowOf.get(node.id)! * CELL.height + CELL.height / 2;
    boxes.set(node.id, { x: Math.round(cx - node.size.width / 2), y: Math.round(cy - node.size.height / 2), ...node.size });
  }

  let loops = 0;
  const routes = flows.map((flow): Array<[number, number]> => {
    const s = boxes.get(flow.from)!;
    const t = boxes.get(flow.to)!;
    const sy = s.y + s.height / 2;
    const ty = t.y + t.height / 2;
    if (flow.loop || t.x <= s.x) {
      // Back under both shapes to the element it returns to.
      const under = Math.max(s.y + s.height, t.y + t.height) + 12 + 6 * (loops++ % 3);
      const sx = s.x + s.width / 2;
      const tx = t.x + t.width / 2;
      return [[sx, s.y + s.height], [sx, under], [tx, under], [tx, t.y + t.height]];
    }
    const turn = t.x - 20;
    if (column.get(flow.to)! - column.get(flow.from)! > 1) {
      // Skipping columns: along the gap under the source's row, so the flow crosses no shape in between.
      const gap = s.y + s.height / 2 + CELL.height / 2 - 4;
      return [[s.x + s.width / 2, s.y + s.height], [s.x + s.width / 2, gap], [turn, gap], [turn, ty], [t.x, ty]];
    }
    if (sy === ty) return [[s.x + s.width, sy], [t.x, ty]];
    return [[s.x + s.width, sy], [turn, sy], [turn, ty], [t.x, ty]];
  });
  return { pool: { x: 0, y: 0, width, height: y }, lanes, boxes, routes };
}
