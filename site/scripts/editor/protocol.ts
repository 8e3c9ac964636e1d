import type { Element } from 'hast';
import type { Locale } from '../../../scripts/core/messages.ts';
import type { MessageData } from '../../../scripts/core/render.ts';
import type { Line } from '../../../scripts/diff/render.ts';
import type { Outline } from '../../../scripts/lint/references.ts';
import type { ProcessDiagram } from '../../lib/diagram-source.ts';
import type { Repository } from '../../lib/repository.ts';

/** What the build ships for the editor (`/edit/handbook.json`). */
export interface EditorHandbook {
  /** The texts phase one reads besides a spec: the config, the org and forms registries and CODEOWNERS, by path from the project root. */
  files: Record<string, string>;
  /** Every spec's outline: the handbook phase's index. */
  index: Array<{ file: string; outline?: Outline }>;
  processes: Array<{ id: string; file: string; title: string; titleEn?: string }>;
  /** The forms' pages and registered names, by the name specs write between 《》: what the table's form links need. */
  forms: Array<[string, { slug: string; form?: { name: string; nameEn?: string } }]>;
  /** Where specs live (`processes`); a new one goes to `<specFolder>/<category>/<id>.md`. */
  specFolder: string;
  /** The date the build was pinned to (HANDBOOK_TODAY); otherwise the reader's own date is "today", as in CI. */
  today?: string;
  /** Where proposals go on GitHub (the handbook configuration's); absent when none is set: the editor then offers copy and download. */
  repository?: Repository;
}

/** A finding as the editor shows it: the linter's data, worded in the page's language. */
export interface ShownFinding {
  ruleId: string;
  messageId: string;
  data?: MessageData;
  severity: 'error' | 'warning';
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  /** The rule's page on this site (engine checks have none). */
  rule?: string;
  /** `--fix` can repair it: the editor offers it as a quick fix. */
  fixable?: boolean;
}

export interface Preview {
  title: string;
  /** The responsibility table (hast, built by site/lib/step-table.ts as the site builds it). */
  table: Element;
  /** The flowchart as the process page draws it: its SVG tree and Mermaid text (site/lib/diagram-source.ts). */
  diagram: ProcessDiagram;
  /** The longest path of step deadlines, worded (`undefined`: a cycle or no end). */
  criticalPath?: string;
}

/** The semantic change summary: sections of lines, worded as the pull-request comment words them. */
export interface Summary {
  sections: Array<{ title: string; lines: Line[] }>;
}

export type WorkerRequest =
  /** `strings`: the page's UI strings, the table's among them (the worker carries no dictionaries of its own). */
  | { type: 'init'; handbook: EditorHandbook; locale: Locale; today: string; strings: Record<string, string> }
  /** The published version the summary compares against (absent for a new process). */
  | { type: 'published'; file?: string; text?: string }
  | { type: 'check'; seq: number; file: string; text: string }
  /** Applies the repair of the finding at `index` in the last findings of `text`. */
  | { type: 'fix'; seq: number; file: string; text: string; index: number }
  | { type: 'submit'; seq: number; file: string; text: string; bump: Bump; author: string; change: string };

export type Bump = 'patch' | 'minor' | 'major' | 'none';

export type WorkerResponse =
  | { type: 'ready' }
  /** The findings first, then (`previewed`) what takes longer to draw. */
  | { type: 'checked'; seq: number; findings: ShownFinding[]; ms: number }
  | { type: 'previewed'; seq: number; preview?: Preview; summary?: Summary; id?: string; category?: string }
  | { type: 'fixed'; seq: number; text: string }
  | { type: 'submitted'; seq: number; text: string; version?: string; findings: ShownFinding[] }
  | { type: 'failed'; seq?: number; message: string };
