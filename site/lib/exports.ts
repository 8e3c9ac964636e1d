import { chromiumPath } from './diagrams.ts';

/**
 * The downloads a build publishes under /exports/ (scripts/export/integration.ts writes them when the
 * build is done): BPMN always, Word and PDF when Chromium prints the pages. HANDBOOK_EXPORTS=0 builds
 * none. Pages ask here, so a link never points at a file the build does not write.
 */
export type ExportFormat = 'bpmn' | 'docx' | 'pdf';

export function publishedFormats(): ExportFormat[] {
  if (process.env.HANDBOOK_EXPORTS === '0') return [];
  return chromiumPath() ? ['bpmn', 'docx', 'pdf'] : ['bpmn'];
}

/** Where a process's file (or, for `handbook`, the whole handbook's) is published. */
export function exportUrl(name: string, format: ExportFormat): string {
  return `/exports/${name}.${format}`;
}
