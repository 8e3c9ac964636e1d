import type { Finding } from '../core/diagnostic.ts';
import type { FileReport, Need } from './check-file.ts';
import type { Outline, Reference } from './references.ts';
import type { Directive } from './suppressions.ts';

/**
 * A phase-one report as a run keeps it until the handbook phase: the outline as data (every spec's is
 * indexed), the references as JSON text, and the rest as UTF-8 JSON, read again only where it is
 * needed. Ten thousand reports kept as objects took 29 MB here; packed, under 10 MB.
 */
export interface PackedReport {
  file: string;
  fatal?: true;
  outline?: Outline;
  /** The references of its needs, in order (JSON): what `--changed` reads of every spec. */
  references: string;
  /** Its findings, its needs' findings (without the file, which is the report's) and its suppression directives, as UTF-8 JSON, or how to read them from the cache. */
  rest: Uint8Array | (() => Uint8Array);
}

interface Rest {
  findings: Finding[];
  needFindings: Array<Omit<Finding, 'file'>>;
  directives: Directive[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function pack(report: FileReport): PackedReport {
  const rest: Rest = { findings: report.findings, needFindings: report.needs.map(({ finding: { file: _file, ...finding } }) => finding), directives: report.directives };
  return {
    file: report.file,
    ...(report.fatal ? { fatal: true as const } : {}),
    // A copy: an id cut from the spec's text would keep the whole text alive.
    ...(report.outline ? { outline: JSON.parse(JSON.stringify(report.outline)) as Outline } : {}),
    references: JSON.stringify(report.needs.map((need) => need.reference)),
    rest: encoder.encode(JSON.stringify(rest)),
  };
}

export function referencesOf(packed: PackedReport): Reference[] {
  return JSON.parse(packed.references) as Reference[];
}

export function restOf(packed: PackedReport): Uint8Array {
  return packed.rest instanceof Uint8Array ? packed.rest : packed.rest();
}

export function unpack(packed: PackedReport): FileReport {
  const rest = JSON.parse(decoder.decode(restOf(packed))) as Rest;
  const references = referencesOf(packed);
  const needs: Need[] = references.map((reference, i) => ({ reference, finding: { ...rest.needFindings[i]!, file: packed.file } }));
  return { file: packed.file, ...(packed.fatal ? { fatal: true } : {}), findings: rest.findings, ...(packed.outline ? { outline: packed.outline } : {}), needs, directives: rest.directives };
}
