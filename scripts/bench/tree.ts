import { readdirSync, readFileSync } from 'node:fs';

/**
 * What a whole process tree uses, sampled from /proc while it runs: a site build's Chromium
 * renderers are not children its own rusage counts (the zygote that forks them is not waited
 * for), and they do most of a cold build's work. Linux only; elsewhere `undefined`.
 */
export interface TreeUsage {
  /** User + system CPU seconds of every process seen in the tree, each at its last sample. */
  cpuSeconds: number;
  /** The most memory the tree held at once (sum of its processes' RSS), MB. */
  peakTreeMb: number;
  /** The largest single process: its command and peak RSS, MB. */
  largest: { command: string; peakMb: number };
}

const TICKS_PER_SECOND = 100;
const PAGE_KB = 4;

interface Sample {
  pid: number;
  ppid: number;
  ticks: number;
  rssKb: number;
  command: string;
}

function snapshot(): Sample[] {
  const samples: Sample[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!Number.isInteger(Number(entry))) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command is in parentheses and may contain spaces; the fields after it are space-separated.
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      samples.push({ pid: Number(entry), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), rssKb: Number(fields[21]) * PAGE_KB, command: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return samples;
}

/** Samples the tree under `root` every `intervalMs` until `done` settles. */
export async function sampleTree(root: number, done: Promise<unknown>, intervalMs = 250): Promise<TreeUsage | undefined> {
  if (process.platform !== 'linux') return undefined;
  const ticks = new Map<number, number>();
  const peaks = new Map<number, { command: string; rssKb: number }>();
  let peakTreeKb = 0;
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    const all = snapshot();
    const children = new Map<number, Sample[]>();
    for (const sample of all) children.set(sample.ppid, [...(children.get(sample.ppid) ?? []), sample]);
    const tree: Sample[] = [];
    const stack = [...all.filter((sample) => sample.pid === root)];
    while (stack.length > 0) {
      const sample = stack.pop()!;
      tree.push(sample);
      stack.push(...(children.get(sample.pid) ?? []));
    }
    let treeKb = 0;
    for (const sample of tree) {
      ticks.set(sample.pid, Math.max(ticks.get(sample.pid) ?? 0, sample.ticks));
      treeKb += sample.rssKb;
      if (sample.rssKb > (peaks.get(sample.pid)?.rssKb ?? 0)) peaks.set(sample.pid, { command: sample.command, rssKb: sample.rssKb });
    }
    peakTreeKb = Math.max(peakTreeKb, treeKb);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const largest = [...peaks.values()].sort((a, b) => b.rssKb - a.rssKb)[0] ?? { command: '', rssKb: 0 };
  return {
    cpuSeconds: [...ticks.values()].reduce((sum, value) => sum + value, 0) / TICKS_PER_SECOND,
    peakTreeMb: peakTreeKb / 1024,
    largest: { command: largest.command, peakMb: largest.rssKb / 1024 },
  };
}
