import type { Diagram, DiagramEdge, DiagramNode } from './diagram.ts';

/**
 * Where each part of a flowchart goes: departments as columns (lanes), the flow downwards in
 * rows, edges as right-angled lines. Pure geometry over the diagram and the sizes of what it
 * draws, so the site's pages, the editor's preview and the tests place everything the same way.
 *
 * Why our own layout and not Mermaid's or a general graph layout: a general layout (dagre, ELK)
 * knows no lanes, and Mermaid's swimlane layout needs a browser and costs a few hundred
 * milliseconds a diagram, minutes for a large handbook. The handbook's processes are small and
 * regular (5–40 steps, 2–6 departments, flow mostly forwards), so a layered layout in the
 * lanes is enough:
 * - rows: every node sits one row below the lowest of the nodes that lead to it (longest path
 *   over the forward edges), so every solid edge runs downwards, and parallel branches and a
 *   decision's ways sit side by side;
 * - lanes: one column per department; nodes of the same lane and row stand side by side in
 *   flow order;
 * - edges: leave a node at its bottom (a decision's ways at its corners, a fork's branches
 *   along its bar), turn in the free band under a row (each edge its own track there) and
 *   enter the target at its top. A way past other rows runs straight down where no node is in
 *   the way, otherwise in the strip kept free at the right of the target's lane, where declared
 *   loops also run back up, to enter their target at its side.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  x: number;
  y: number;
}

export type Point = readonly [number, number];

export interface PlacedNode {
  node: DiagramNode;
  lane: number;
  row: number;
  box: Box;
}

export interface PlacedLabel {
  /** The label's box; text starts at its left (`start`) or ends at its right (`end`), beside its edge. */
  box: Box;
  anchor: 'start' | 'end';
}

export interface PlacedEdge {
  edge: DiagramEdge;
  /** From the source's border to the target's, the last segment ending at the target. */
  points: Point[];
  label?: PlacedLabel;
}

export interface PlacedLane {
  x: number;
  width: number;
}

export interface Layout {
  width: number;
  height: number;
  /** Height of the lane headers at the top. */
  header: number;
  lanes: PlacedLane[];
  nodes: Map<string, PlacedNode>;
  edges: PlacedEdge[];
}

export interface LayoutInput {
  diagram: Diagram;
  /** Each node's size, by node id. */
  sizes: ReadonlyMap<string, Size>;
  /** The size of each edge's label, by index in `diagram.edges`, for edges that have one. */
  labels: ReadonlyMap<number, Size>;
  /** Each lane's header: the least width its title needs, and its height. */
  headers: readonly Size[];
}

const LANE_PADDING = 20;
const NODE_GAP = 32;
const MIN_LANE_WIDTH = 150;
const ROW_GAP_ABOVE = 20;
const BAND_MIN = 30;
const TRACK = 7;
const ARROW_ROOM = 14;
const LABEL_GAP = 5;
const GUTTER_PADDING = 10;
const BOTTOM_MARGIN = 20;
const DIAMONDS = new Set(['decision', 'choice']);

interface Route {
  edge: DiagramEdge;
  index: number;
  from: string;
  to: string;
  /** Runs down the rows (else back up, or sideways in the same row). */
  down: boolean;
  exit?: Point;
  entry?: Point;
  /** Where a way down past other rows runs: the source's column, the target's, or the target lane's free strip. */
  via?: 'source' | 'target' | 'gutter';
  gutterTrack?: number;
  /** A way back that reaches its target from above, as a node stands between the target and its lane's free strip. */
  backFromAbove?: boolean;
  /** Where its condition goes: beside the line as it leaves the source, or as it reaches the target (a decision's middle ways). */
  labelAt: 'exit' | 'entry';
  /** Which side of the line leaving the source its condition stands. */
  labelSide?: 'left' | 'right';
  bands: Array<{ band: number; from: number; to: number; track?: number }>;
}

export function layOut({ diagram, sizes, labels, headers }: LayoutInput): Layout {
  const laneOf = new Map<string, number>();
  const nodeOf = new Map<string, DiagramNode>();
  diagram.lanes.forEach((lane, index) => lane.nodes.forEach((node) => (laneOf.set(node.id, index), nodeOf.set(node.id, node))));
  const declared = diagram.lanes.flatMap((lane) => lane.nodes.map((node) => node.id));
  const size = (id: string) => sizes.get(id) ?? { width: 0, height: 0 };

  const rows = rowsOf(declared, diagram.edges, nodeOf);
  const rowCount = Math.max(0, ...rows.values()) + 1;

  // Cells: the nodes of one lane and row, side by side in flow order.
  const cells = new Map<string, string[]>();
  const cellKey = (lane: number, row: number) => `${lane}:${row}`;
  for (const id of declared) {
    const key = cellKey(laneOf.get(id)!, rows.get(id)!);
    cells.set(key, [...(cells.get(key) ?? []), id]);
  }
  const cellWidth = (ids: string[]) => ids.reduce((sum, id) => sum + size(id).width, 0) + NODE_GAP * (ids.length - 1);
  const contentWidth = diagram.lanes.map((_, lane) => {
    let widest = Math.max(MIN_LANE_WIDTH - 2 * LANE_PADDING, (headers[lane]?.width ?? 0) - 2 * LANE_PADDING);
    for (let row = 0; row < rowCount; row++) widest = Math.max(widest, cellWidth(cells.get(cellKey(lane, row)) ?? []));
    return widest;
  });
  // x inside the lane: row by row, each node under the nodes of its lane that lead to it (so a lane's
  // steps line up and their edges run straight down), else centred; side by side without overlap.
  const relativeX = new Map<string, number>();
  const predecessors = new Map<string, string[]>();
  for (const edge of diagram.edges) if (rows.get(edge.to)! > rows.get(edge.from)! && laneOf.get(edge.to) === laneOf.get(edge.from)) predecessors.set(edge.to, [...(predecessors.get(edge.to) ?? []), edge.from]);
  for (let row = 0; row < rowCount; row++) {
    for (let lane = 0; lane < diagram.lanes.length; lane++) {
      const ids = cells.get(cellKey(lane, row));
      if (!ids) continue;
      let centred = LANE_PADDING + (contentWidth[lane]! - cellWidth(ids)) / 2;
      const wanted = ids.map((id) => {
        const above = (predecessors.get(id) ?? []).filter((from) => relativeX.has(from));
        const x = above.length > 0 ? above.reduce((sum, from) => sum + relativeX.get(from)! + size(from).width / 2, 0) / above.length - size(id).width / 2 : centred;
        centred += size(id).width + NODE_GAP;
        return { id, x };
      });
      wanted.sort((a, b) => a.x - b.x);
      packWithin(wanted, (id) => size(id).width, LANE_PADDING, LANE_PADDING + contentWidth[lane]!);
      for (const { id, x } of wanted) relativeX.set(id, x);
    }
  }
  const relativeCentre = (id: string) => relativeX.get(id)! + size(id).width / 2;
  const besideOnTheRight = (id: string) => (cells.get(cellKey(laneOf.get(id)!, rows.get(id)!)) ?? []).some((other) => relativeX.get(other)! > relativeX.get(id)!);

  // Exits and entries, relative to each node's top-left corner.
  const routes: Route[] = diagram.edges.map((edge, index) => ({ edge, index, from: edge.from, to: edge.to, down: rows.get(edge.to)! > rows.get(edge.from)!, labelAt: 'exit', bands: [] }));
  const outgoing = new Map<string, Route[]>();
  const incoming = new Map<string, Route[]>();
  for (const route of routes) {
    outgoing.set(route.from, [...(outgoing.get(route.from) ?? []), route]);
    if (route.down) incoming.set(route.to, [...(incoming.get(route.to) ?? []), route]);
  }
  // Whether a node stands in the way of a straight line down `lane` at x, between two rows.
  const blocked = (lane: number, x: number, above: number, below: number) => {
    for (let row = above + 1; row < below; row++) {
      for (const id of cells.get(cellKey(lane, row)) ?? []) {
        const left = relativeX.get(id)!;
        if (x > left - TRACK && x < left + size(id).width + TRACK) return true;
      }
    }
    return false;
  };
  const goesStraightDown = (route: Route) =>
    route.down && rows.get(route.to)! - rows.get(route.from)! > 1 && !blocked(laneOf.get(route.from)!, relativeCentre(route.from), rows.get(route.from)!, rows.get(route.to)!);
  // A way down past other rows with nodes in the way below both ends goes round by the lane's free strip, on the right.
  const goesRound = (route: Route) =>
    route.down &&
    rows.get(route.to)! - rows.get(route.from)! > 1 &&
    blocked(laneOf.get(route.from)!, relativeCentre(route.from), rows.get(route.from)!, rows.get(route.to)!) &&
    blocked(laneOf.get(route.to)!, relativeCentre(route.to), rows.get(route.from)!, rows.get(route.to)!);
  // Where a way heads, left to right, so ways leave a node side by side and no two cross: to its target's
  // column; round by the free strip at the right of the target's lane; back up by that strip, last of all
  // when it is the node's own lane (so the way back rises to the right of every way that goes on).
  const LANE_END = 5e5;
  const sideOf = (route: Route, end: 'from' | 'to') => {
    const other = end === 'from' ? route.to : route.from;
    if (end === 'to') return laneOf.get(other)! * 1e6 + relativeCentre(other);
    const lane = laneOf.get(route.to)!;
    // Ways back are the outermost on their side: they rise past the ways that go on.
    if (!route.down) return lane < laneOf.get(route.from)! ? -1e12 + lane * 1e6 : lane > laneOf.get(route.from)! ? 1e12 + lane * 1e6 : Number.POSITIVE_INFINITY;
    // A way that runs straight down past other rows before it turns heads nowhere sideways here: it leaves from the middle.
    if (goesStraightDown(route)) return laneOf.get(route.from)! * 1e6 + relativeCentre(route.from);
    return lane * 1e6 + (goesRound(route) ? LANE_END : relativeCentre(route.to));
  };
  for (const [id, leaving] of outgoing) {
    const ordered = [...leaving].sort((a, b) => sideOf(a, 'from') - sideOf(b, 'from'));
    const { width, height } = size(id);
    if (DIAMONDS.has(nodeOf.get(id)!.kind) && ordered.length > 1) {
      diamondExits(ordered, width, height, laneOf.get(id)! * 1e6 + relativeCentre(id));
      continue;
    }
    ordered.forEach((route, index) => (route.exit = [(width * (index + 1)) / (ordered.length + 1), height]));
  }
  /**
   * A decision's ways leave by the side they head to: those to the left from the left corner and, when
   * there are more, along the lower left edge; those to the right likewise on the right; one straight
   * below from the bottom corner. A way that leaves along an edge has its condition by its target, as
   * under the diamond it would stand among the other ways' lines.
   */
  function diamondExits(ordered: Route[], width: number, height: number, centre: number): void {
    const heading = (route: Route) => sideOf(route, 'from') - centre;
    const below = ordered.filter((route) => Math.abs(heading(route)) < 1);
    const left = ordered.filter((route) => heading(route) <= -1);
    const right = ordered.filter((route) => heading(route) >= 1);
    // Two ways straight below: the second leaves on the side that has fewer.
    for (const extra of below.splice(1)) (left.length <= right.length ? left.push(extra) : right.unshift(extra));
    const onEdge = (x: number): Point => [x, height / 2 + (height / 2) * (1 - Math.abs(x - width / 2) / (width / 2))];
    left.forEach((route, index) => {
      route.labelSide = 'left';
      route.exit = onEdge(((width / 2) * index) / Math.max(left.length, 2));
      if (index > 0 && route.down) route.labelAt = 'entry';
    });
    right.forEach((route, index) => {
      route.labelSide = 'right';
      const fromCorner = right.length - 1 - index;
      route.exit = onEdge(width - ((width / 2) * fromCorner) / Math.max(right.length, 2));
      if (fromCorner > 0 && route.down) route.labelAt = 'entry';
    });
    for (const route of below) {
      route.labelSide = right.length > 0 ? 'left' : 'right';
      route.exit = [width / 2, height];
      if (ordered.length > 2 && route.down) route.labelAt = 'entry';
    }
  }
  for (const [id, arriving] of incoming) {
    const { width } = size(id);
    const spread = nodeOf.get(id)!.kind === 'join';
    const ordered = [...arriving].sort((a, b) => sideOf(a, 'to') - sideOf(b, 'to'));
    ordered.forEach((route, index) => (route.entry = [spread ? (width * (index + 1)) / (ordered.length + 1) : width / 2, 0]));
  }

  // Ways back come in at the target's side, from the free strip, or from above when a node stands in between.
  for (const route of routes) {
    if (route.down) continue;
    const { width, height } = size(route.to);
    route.backFromAbove = rows.get(route.to)! > 0 && besideOnTheRight(route.to);
    route.entry = route.backFromAbove ? [(width * 3) / 4, topOfOutline(nodeOf.get(route.to)!.kind, width, height, (width * 3) / 4)] : [width, height / 2];
  }

  // Ways down past other rows: straight down the source's or the target's column when no node is in the way.
  const gutterUsers: Route[][] = diagram.lanes.map(() => []);
  for (const route of routes) {
    const top = rows.get(route.from)!;
    const bottom = rows.get(route.to)!;
    if (route.down && bottom - top > 1) {
      const sourceX = relativeX.get(route.from)! + route.exit![0];
      const targetX = relativeX.get(route.to)! + route.entry![0];
      if (!blocked(laneOf.get(route.from)!, sourceX, top, bottom)) route.via = 'source';
      else if (!blocked(laneOf.get(route.to)!, targetX, top, bottom)) route.via = 'target';
      else route.via = 'gutter';
    }
    if (!route.down || route.via === 'gutter') gutterUsers[laneOf.get(route.to)!]!.push(route);
  }
  // Tracks in each lane's free strip: ways whose rows overlap get tracks of their own.
  const gutterTracks = gutterUsers.map((users) => {
    const span = (route: Route) => [Math.min(rows.get(route.from)!, rows.get(route.to)!), Math.max(rows.get(route.from)!, rows.get(route.to)!)] as const;
    return assignTracks(
      users.map((route) => ({ item: route, from: span(route)[0], to: span(route)[1] })).sort((a, b) => a.from - b.from || a.to - b.to),
      (route, track) => (route.gutterTrack = track),
    );
  });

  const lanes: PlacedLane[] = [];
  let x = 0;
  diagram.lanes.forEach((_, lane) => {
    const gutter = gutterTracks[lane]! > 0 ? GUTTER_PADDING + gutterTracks[lane]! * TRACK : 0;
    const width = Math.ceil(contentWidth[lane]! + 2 * LANE_PADDING + gutter);
    lanes.push({ x, width });
    x += width;
  });
  const absoluteX = (id: string) => lanes[laneOf.get(id)!]!.x + relativeX.get(id)!;
  const gutterX = (route: Route) => {
    const lane = lanes[laneOf.get(route.to)!]!;
    return lane.x + lane.width - LANE_PADDING / 2 - route.gutterTrack! * TRACK;
  };

  // The bands under each row: which edges turn there, and on which track.
  const bandSegments: Array<Array<{ route: Route; start: number; end: number; slot: number }>> = Array.from({ length: rowCount }, () => []);
  for (const route of routes) {
    const sx = absoluteX(route.from) + route.exit![0];
    const tx = absoluteX(route.to) + route.entry![0];
    const sourceRow = rows.get(route.from)!;
    const targetRow = rows.get(route.to)!;
    const add = (band: number, a: number, b: number) => {
      const slot = route.bands.length;
      route.bands.push({ band, from: Math.min(a, b), to: Math.max(a, b) });
      // A way that does not turn in the band needs no track there.
      if (a !== b) bandSegments[band]!.push({ route, start: a, end: b, slot });
    };
    if (!route.down) {
      add(sourceRow, sx, gutterX(route));
      if (route.backFromAbove) add(targetRow - 1, gutterX(route), tx);
    } else if (targetRow - sourceRow === 1) {
      add(sourceRow, sx, tx);
    } else {
      const vx = route.via === 'source' ? sx : route.via === 'target' ? tx : gutterX(route);
      add(sourceRow, sx, vx);
      add(targetRow - 1, vx, tx);
    }
  }
  // Tracks from the top: of the ways turning right, the one coming down furthest right first; then those turning
  // left, the one coming down furthest left first. So a way's drop never crosses another's turn.
  const tracksInBand = bandSegments.map((segments) => {
    const rightwards = segments.filter((segment) => segment.end > segment.start).sort((a, b) => b.start - a.start);
    const leftwards = segments.filter((segment) => segment.end < segment.start).sort((a, b) => a.start - b.start);
    return assignTracks(
      [...rightwards, ...leftwards].map((segment) => ({ item: segment, from: Math.min(segment.start, segment.end), to: Math.max(segment.start, segment.end) })),
      (segment, track) => (segment.route.bands[segment.slot]!.track = track),
      TRACK,
    );
  });

  // Room for conditions: under the row their edges leave, or above the row they reach.
  const labelRoom = Array.from({ length: rowCount }, () => 0);
  const arrivalRoom = Array.from({ length: rowCount }, () => 0);
  const leavingLabels = Array.from({ length: rowCount }, () => 0);
  for (const route of routes) {
    const label = labels.get(route.index);
    if (!label) continue;
    if (route.labelAt === 'entry') {
      // Conditions reaching the same node stand one above the other.
      const band = rows.get(route.to)! - 1;
      const arriving = routes.filter((other) => other.to === route.to && other.labelAt === 'entry' && labels.has(other.index));
      arrivalRoom[band] = Math.max(arrivalRoom[band]!, arriving.reduce((sum, other) => sum + labels.get(other.index)!.height + LABEL_GAP, 0));
      continue;
    }
    const row = rows.get(route.from)!;
    leavingLabels[row]!++;
    labelRoom[row] = Math.max(labelRoom[row]!, label.height + LABEL_GAP);
  }
  // More than two conditions under one row may have to stand one above the other.
  leavingLabels.forEach((count, row) => count > 2 && (labelRoom[row] = 2 * labelRoom[row]!));

  const header = Math.ceil(Math.max(36, ...headers.map((entry) => entry.height)));
  const rowTop: number[] = [];
  const rowHeight: number[] = [];
  const bandTop: number[] = [];
  let y = header + ROW_GAP_ABOVE;
  for (let row = 0; row < rowCount; row++) {
    let tallest = 0;
    for (let lane = 0; lane < diagram.lanes.length; lane++) for (const id of cells.get(cellKey(lane, row)) ?? []) tallest = Math.max(tallest, size(id).height);
    rowTop.push(y);
    rowHeight.push(tallest);
    y += tallest;
    bandTop.push(y);
    y += Math.max(BAND_MIN, labelRoom[row]! + 8 + tracksInBand[row]! * TRACK + arrivalRoom[row]! + ARROW_ROOM);
  }
  const height = Math.ceil(y + BOTTOM_MARGIN);

  const nodes = new Map<string, PlacedNode>();
  for (const id of declared) {
    const { width, height: nodeHeight } = size(id);
    const row = rows.get(id)!;
    nodes.set(id, { node: nodeOf.get(id)!, lane: laneOf.get(id)!, row, box: { x: absoluteX(id), y: rowTop[row]! + (rowHeight[row]! - nodeHeight) / 2, width, height: nodeHeight } });
  }
  const trackY = (band: { band: number; track?: number }) => bandTop[band.band]! + labelRoom[band.band]! + 8 + (band.track ?? 0) * TRACK;

  const placedLabels: Box[] = [];
  const edges = routes.map((route): PlacedEdge => {
    const source = nodes.get(route.from)!.box;
    const target = nodes.get(route.to)!.box;
    const exit: Point = [source.x + route.exit![0], source.y + route.exit![1]];
    const entry: Point = [target.x + route.entry![0], target.y + route.entry![1]];
    const points: Point[] = [exit];
    if (!route.down) {
      const turn = trackY(route.bands[0]!);
      const gx = gutterX(route);
      if (route.backFromAbove) points.push([exit[0], turn], [gx, turn], [gx, trackY(route.bands[1]!)], [entry[0], trackY(route.bands[1]!)], entry);
      else points.push([exit[0], turn], [gx, turn], [gx, entry[1]], entry);
    } else if (route.bands.length === 1) {
      const turn = trackY(route.bands[0]!);
      points.push([exit[0], turn], [entry[0], turn], entry);
    } else {
      const [first, second] = [trackY(route.bands[0]!), trackY(route.bands[1]!)];
      const vx = route.via === 'source' ? exit[0] : route.via === 'target' ? entry[0] : gutterX(route);
      points.push([exit[0], first], [vx, first], [vx, second], [entry[0], second], entry);
    }
    const labelSize = labels.get(route.index);
    const placed: PlacedEdge = { edge: route.edge, points: simplify(points) };
    if (labelSize && route.labelAt === 'entry') {
      const band = rows.get(route.to)! - 1;
      placed.label = placeArrivalLabel(labelSize, entry, bandTop[band]! + labelRoom[band]! + 8 + tracksInBand[band]! * TRACK, placedLabels);
    } else if (labelSize) {
      placed.label = placeLabel(labelSize, exit, route.labelSide ?? (exit[0] < source.x + source.width / 2 ? 'left' : 'right'), bandTop[rows.get(route.from)!]!, placedLabels);
    }
    return placed;
  });

  return withinBounds({ width: Math.ceil(x), height, header, lanes, nodes, edges });
}

/** A condition beside the outermost node can stick out of the lanes: the outer lanes widen to hold it. */
function withinBounds(layout: Layout): Layout {
  const boxes = layout.edges.flatMap((edge) => (edge.label ? [edge.label.box] : []));
  const shift = Math.ceil(Math.max(0, ...boxes.map((box) => -box.x + LANE_PADDING / 2)));
  const right = Math.ceil(Math.max(layout.width, ...boxes.map((box) => box.x + box.width + LANE_PADDING / 2)) + shift);
  if (shift === 0 && right === layout.width) return layout;
  const moved = <T extends { x: number }>(box: T): T => ({ ...box, x: box.x + shift });
  const lanes = layout.lanes.map((lane, index) => ({ x: index === 0 ? 0 : lane.x + shift, width: lane.width + (index === 0 ? shift : 0) }));
  const last = lanes.at(-1);
  if (last) last.width = right - last.x;
  return {
    ...layout,
    width: right,
    lanes,
    nodes: new Map([...layout.nodes].map(([id, placed]) => [id, { ...placed, box: moved(placed.box) }])),
    edges: layout.edges.map((edge) => ({ ...edge, points: edge.points.map(([x, y]): Point => [x + shift, y]), ...(edge.label ? { label: { ...edge.label, box: moved(edge.label.box) } } : {}) })),
  };
}

/**
 * Each node's row: one below the lowest node leading to it, over the edges that run forwards
 * (every edge but a declared loop; a loop down to a repeat circle runs forwards too). Nodes an
 * undeclared cycle leaves without a row (the linter reports the cycle) go below the rest, in order.
 */
function rowsOf(declared: string[], edges: DiagramEdge[], nodeOf: Map<string, DiagramNode>): Map<string, number> {
  const forward = edges.filter((edge) => !edge.loop || nodeOf.get(edge.to)?.kind === 'repeat');
  const waiting = new Map(declared.map((id) => [id, 0]));
  for (const edge of forward) waiting.set(edge.to, waiting.get(edge.to)! + 1);
  const rows = new Map<string, number>();
  const ready = declared.filter((id) => waiting.get(id) === 0);
  for (const id of ready) rows.set(id, 0);
  for (let next = 0; next < ready.length; next++) {
    const id = ready[next]!;
    for (const edge of forward) {
      if (edge.from !== id) continue;
      rows.set(edge.to, Math.max(rows.get(edge.to) ?? 0, rows.get(id)! + 1));
      waiting.set(edge.to, waiting.get(edge.to)! - 1);
      if (waiting.get(edge.to) === 0) ready.push(edge.to);
    }
  }
  let last = Math.max(-1, ...rows.values());
  for (const id of declared) if (!rows.has(id)) rows.set(id, ++last);
  return rows;
}

/**
 * Tracks in the order given, from the top: each item goes on the track below the lowest item before it
 * that it overlaps (within `margin`), so overlapping items keep their order; others share tracks.
 * Returns how many tracks were used.
 */
function assignTracks<T>(items: Array<{ item: T; from: number; to: number }>, assign: (item: T, track: number) => void, margin = 0): number {
  const placed: Array<{ from: number; to: number; track: number }> = [];
  let count = 0;
  for (const { item, from, to } of items) {
    const track = Math.max(-1, ...placed.filter((other) => !(to + margin < other.from || other.to + margin < from)).map((other) => other.track)) + 1;
    placed.push({ from, to, track });
    count = Math.max(count, track + 1);
    assign(item, track);
  }
  return count;
}

/** Where the outline of a node of `kind` (a diamond, a circle or a box) is first met coming down at `x`. */
function topOfOutline(kind: DiagramNode['kind'], width: number, height: number, x: number): number {
  const dx = Math.abs(x - width / 2);
  if (DIAMONDS.has(kind)) return (height / 2) * (dx / (width / 2));
  if (kind === 'start' || kind === 'end' || kind === 'repeat') return height / 2 - Math.sqrt(Math.max(0, (width / 2) ** 2 - dx ** 2));
  return 0;
}

/** Moves the boxes (sorted by x) apart until none overlaps, then back inside [left, right]. */
function packWithin(boxes: Array<{ id: string; x: number }>, width: (id: string) => number, left: number, right: number): void {
  for (let index = 1; index < boxes.length; index++) {
    const before = boxes[index - 1]!;
    boxes[index]!.x = Math.max(boxes[index]!.x, before.x + width(before.id) + NODE_GAP);
  }
  let limit = right;
  for (let index = boxes.length - 1; index >= 0; index--) {
    const box = boxes[index]!;
    box.x = Math.min(box.x, limit - width(box.id));
    limit = box.x - NODE_GAP;
  }
  let floor = left;
  for (const box of boxes) {
    box.x = Math.max(box.x, floor);
    floor = box.x + width(box.id) + NODE_GAP;
  }
}

/** Drops points that add no turn. */
function simplify(points: Point[]): Point[] {
  const kept: Point[] = [];
  for (const point of points) {
    const previous = kept.at(-1);
    if (previous && previous[0] === point[0] && previous[1] === point[1]) continue;
    const before = kept.at(-2);
    if (before && previous && ((before[0] === previous[0] && previous[0] === point[0]) || (before[1] === previous[1] && previous[1] === point[1]))) kept.pop();
    kept.push(point);
  }
  return kept;
}

/** A condition beside the line as it comes down into its target: to its right, else its left, else lower down. */
function placeArrivalLabel(size: Size, entry: Point, top: number, placed: Box[]): PlacedLabel {
  let choice: PlacedLabel = { box: { x: entry[0] + LABEL_GAP, y: top, ...size }, anchor: 'start' };
  search: for (let y = top; y < top + 4 * (size.height + LABEL_GAP); y += size.height + LABEL_GAP) {
    for (const candidate of [{ box: { x: entry[0] + LABEL_GAP, y, ...size }, anchor: 'start' }, { box: { x: entry[0] - LABEL_GAP - size.width, y, ...size }, anchor: 'end' }] as const) {
      if (!overlapsAny(candidate.box, placed)) {
        choice = candidate;
        break search;
      }
    }
  }
  placed.push(choice.box);
  return choice;
}

const overlapsAny = (box: Box, placed: Box[]) => placed.some((other) => box.x < other.x + other.width && other.x < box.x + box.width && box.y < other.y + other.height && other.y < box.y + box.height);

/**
 * A condition beside the line leaving its node, in the band under the node's row, on the side the
 * line leaves by; lower when another label is there.
 */
function placeLabel(size: Size, exit: Point, side: 'left' | 'right', bandTop: number, placed: Box[]): PlacedLabel {
  const left = side === 'left';
  let box: Box = { x: left ? exit[0] - LABEL_GAP - size.width : exit[0] + LABEL_GAP, y: bandTop + 3, ...size };
  if (overlapsAny(box, placed)) box = { ...box, y: box.y + size.height + LABEL_GAP };
  placed.push(box);
  return { box, anchor: left ? 'end' : 'start' };
}
