/**
 * Stands in for codemirror-json-schema's JSON and JSON5 document parsers (astro.config.mjs points
 * its imports here): the editor uses its YAML mode only, and those parsers would bring JSON5 and two
 * more grammars to the page. Reaching one is a bug in the editor's setup.
 */
function unused(): never {
  throw new Error('codemirror-json-schema: only the YAML mode is bundled');
}

export const parseJSONDocumentState = unused;
export const parseJSON5DocumentState = unused;
