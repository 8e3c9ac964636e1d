import { findChromium } from '../../scripts/chromium.ts';

/**
 * The downloads a build publishes under /exports/ (scripts/export/integration.ts writes them when the
 * build is done): BPMN always, Word and PDF when Chromium prints the pages. HANDBOOK_EXPORTS names the
 * formats to publish (`bpmn`, `bpmn,pdf` …) or `0` for none. Pages ask here, so a link never points at a
 * file the build does not write.
 */
export const EXPORT_FORMATS = ['bpmn', 'docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function publishedFormats(setting = process.env.HANDBOOK_EXPORTS): ExportFormat[] {
  if (setting === '0') return [];
  const wanted = setting ? EXPORT_FORMATS.filter((format) => setting.split(',').map((part) => part.trim()).includes(format)) : [...EXPORT_FORMATS];
  return chromiumPath() ? wanted : wanted.filter((format) => format === 'bpmn');
}

/** The Chromium that prints Word and PDF copies, unless HANDBOOK_NO_CHROMIUM=1. */
export function chromiumPath(): string | undefined {
  return process.env.HANDBOOK_NO_CHROMIUM === '1' ? undefined : findChromium();
}

/** Where a process's file (or, for `handbook`, the whole handbook's) is published. */
export function exportUrl(name: string, format: ExportFormat): string {
  return `/exports/${name}.${format}`;
}
