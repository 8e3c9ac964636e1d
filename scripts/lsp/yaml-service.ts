import type { ClientCapabilities } from 'vscode-languageserver';
import type { LanguageService } from 'yaml-language-server';
import { jsonSchemas } from '../json-schema.ts';

/**
 * Red Hat's YAML language service, run on the front matter alone: completion of keys and enum
 * values and hover, both from the JSON Schema generated from our zod schemas (the same one
 * `schemas/json/` holds), whose descriptions are bilingual. It validates nothing: every finding an
 * editor shows is the linter's, the schema's included.
 */

const SCHEMA_URI = 'processlint:process.schema.json';

export async function yamlService(capabilities: ClientCapabilities): Promise<LanguageService> {
  // Loaded when first needed: it brings Prettier along, which takes a second or two to import.
  const { getLanguageService } = await import('yaml-language-server');
  const service = getLanguageService({
    schemaRequestService: (uri) => Promise.reject(new Error(`no schema is fetched (${uri})`)),
    workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
    clientCapabilities: capabilities,
  });
  // The service heads every hover with the nearest title above the field, which for every key is
  // the whole spec's; the descriptions say what each field is.
  const { title: _title, ...schema } = jsonSchemas()['process.schema.json'] as Record<string, unknown>;
  service.configure({
    validate: false,
    hover: true,
    completion: true,
    format: false,
    hoverSchemaSource: false,
    yamlVersion: '1.2',
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema }],
  });
  return service;
}

/**
 * The front matter as the service should read it. Specs carry a `# yaml-language-server: $schema=…`
 * line for editors that open them as YAML; the service would then fetch that file instead of using
 * the schema it was given, so the line is blanked (to spaces: positions stay the document's).
 */
export function withoutModeline(yaml: string): string {
  return yaml.replace(/^[ \t]*#[ \t]*yaml-language-server[ \t]*:.*$/gm, (line) => ' '.repeat(line.length));
}
