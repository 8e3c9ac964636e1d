import type { YamlPath } from './diagnostic.ts';

/**
 * Source positions from the one js-yaml parse. js-yaml calls a listener when it starts and ends each
 * node; recording those offsets costs about a tenth of the parse (measured with callgrind), while a
 * second parse with the `yaml` package for positions cost twelve times the parse. The events are
 * turned into a tree only when a finding asks where something is. A test holds every position to the
 * `yaml` package's on the handbook, the fixtures and generated specs.
 */

const SCALAR = 1;
const SEQUENCE = 2;
const MAPPING = 3;

/** Collects the listener's events: `position + 1` when a node opens, `-(position * 4 + kind) - 1` when it closes. */
export function eventRecorder(): { events: number[]; listener: (type: string, state: { position: number; kind: string | null }) => void } {
  const events: number[] = [];
  return {
    events,
    listener(type, state) {
      if (type === 'open') events.push(state.position + 1);
      else {
        const kind = state.kind;
        events.push(-(state.position * 4 + (kind === 'scalar' ? SCALAR : kind === 'mapping' ? MAPPING : kind === 'sequence' ? SEQUENCE : 0)) - 1);
      }
    },
  };
}

/**
 * The recorded events as a tree, without making an object per node: for each open event, the index
 * of its close event, so a node's children are found by jumping over their subtrees. Built once per
 * spec, and only when a position is asked for.
 */
export class SourceTree {
  private readonly events: readonly number[];
  private readonly closeOf: Int32Array;
  readonly balanced: boolean;

  constructor(events: readonly number[]) {
    this.events = events;
    this.closeOf = new Int32Array(events.length);
    const open: number[] = [];
    let balanced = events.length > 0 && events[0]! > 0;
    for (let i = 0; i < events.length; i++) {
      if (events[i]! > 0) open.push(i);
      else if (open.length === 0) balanced = false;
      else this.closeOf[open.pop()!] = i;
    }
    this.balanced = balanced && open.length === 0 && this.closeOf[0] === events.length - 1;
  }

  /** Where js-yaml started reading node `i` (its content starts at the first character that is not space or comment). */
  start(i: number): number {
    return this.events[i]! - 1;
  }

  end(i: number): number {
    return Math.floor((-this.events[this.closeOf[i]!]! - 1) / 4);
  }

  kind(i: number): number {
    return (-this.events[this.closeOf[i]!]! - 1) % 4;
  }

  children(i: number): number[] {
    const out: number[] = [];
    for (let j = i + 1; j < this.closeOf[i]!; j = this.closeOf[j]! + 1) out.push(j);
    return out;
  }
}

/** Offsets of a path's node: its key (for `target: 'key'`) or value, or those of the nearest ancestor that exists. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Finds a path in the recorded tree, guided by the parsed data. Returns `undefined` when the tree
 * does not read as expected (tags, explicit keys and other rare shapes), so the caller can ask the
 * `yaml` package instead: a wrong position is worse than a slower one.
 */
export function locateInTree(tree: SourceTree, text: string, data: unknown, path: YamlPath, target: 'key' | 'value'): Span | undefined {
  // An empty document has no node to point at: the `yaml` package says where its errors go.
  if (!tree.balanced || (tree.kind(0) === 0 && tree.children(0).length === 0)) return undefined;
  let node = unwrap(tree, 0, data);
  if (node === undefined) return undefined;
  let value = data;
  let key: number | undefined;
  for (const segment of path) {
    let next: number | undefined;
    let nextKey: number | undefined;
    let nextValue: unknown;
    const children = tree.children(node);
    if (tree.kind(node) === MAPPING && isRecord(value)) {
      if (!Object.hasOwn(value, String(segment))) break;
      if (children.length % 2 !== 0) return undefined;
      for (let i = 0; i < children.length; i += 2) {
        if (keyText(text, tree, children[i]!) === String(segment)) {
          nextKey = children[i];
          next = children[i + 1];
        }
      }
      // The data has the key but no key reads as it (escapes, merges): not a shape to guess about.
      if (next === undefined) return undefined;
      nextValue = value[String(segment)];
    } else if (tree.kind(node) === SEQUENCE && Array.isArray(value) && typeof segment === 'number') {
      if (segment < 0 || segment >= value.length) break;
      if (children.length !== value.length) return undefined;
      next = children[segment];
      nextValue = value[segment];
    } else break;
    const inner = unwrap(tree, next!, nextValue);
    if (inner === undefined) return undefined;
    node = inner;
    value = nextValue;
    key = nextKey;
  }
  const chosen = target === 'key' ? (key ?? node) : node;
  const kind = tree.kind(chosen);
  if (kind === 0 && tree.children(chosen).length === 0) {
    // An empty value is where it would be written: after the key's separator, on the same line.
    let at = tree.start(chosen);
    while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
    return { start: at, end: at };
  }
  const start = contentStart(text, tree.start(chosen));
  // js-yaml may stop after the spaces, or the line break, that follow a node: the node ends where its text
  // does. A collection ends at the start of the line after it, and a block scalar (| or >) keeps its breaks.
  const blockScalar = kind === SCALAR && (text[start] === '|' || text[start] === '>');
  let end = tree.end(chosen);
  const trailing = (c: number) => c === 32 || c === 9 || (c === 10 && kind === SCALAR && !blockScalar);
  while (end > start && trailing(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

/**
 * A node read in block context whose content turned out not to be a block mapping holds that
 * content as its only child (js-yaml tries a mapping first and keeps what it read): step inside.
 * A one-item sequence whose item is a sequence looks the same as such a wrapper; that shape is
 * left to the `yaml` package (`undefined`).
 */
function unwrap(tree: SourceTree, node: number, value: unknown): number | undefined {
  // js-yaml reads an empty item of a block sequence (`- ` alone) without a node: counts no longer tell.
  if (Array.isArray(value) && value.includes(null)) return undefined;
  for (let children = tree.children(node); children.length === 1; children = tree.children(node)) {
    const child = children[0]!;
    const [kind, childKind] = [tree.kind(node), tree.kind(child)];
    if (kind === SEQUENCE && childKind === SEQUENCE) {
      // A wrapper's child is the whole sequence; a sequence's own child is one item. When the counts
      // cannot tell them apart (one item that is a list, or items js-yaml read without a node), ask yaml.
      const whole = Array.isArray(value) && tree.children(child).length === value.length;
      const item = Array.isArray(value) && value.length === 1;
      if (whole === item) return undefined;
      if (!whole) break;
      node = child;
      continue;
    }
    if (!(kind === SCALAR || kind === 0 || (kind === MAPPING && childKind === MAPPING))) break;
    node = child;
  }
  return node;
}

/** The first offset at or after `at` that is not a space, a line break or a comment. */
function contentStart(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10) i++;
    else if (c === 35) {
      const next = text.indexOf('\n', i);
      i = next === -1 ? text.length : next;
    } else return i;
  }
}

/** A key as its value reads: plain, or unquoted. */
function keyText(text: string, tree: SourceTree, node: number): string {
  const raw = text.slice(contentStart(text, tree.start(node)), tree.end(node)).trimEnd();
  if (raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  if (raw.startsWith('"') && raw.endsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw;
    }
  }
  return raw;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 1-based line and column of offsets, by binary search over line starts (computed once per text). */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}
