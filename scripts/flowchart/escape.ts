/**
 * Text from a spec is untrusted: it goes into Mermaid only inside quotes and
 * with every character Mermaid (or the HTML it renders) would interpret
 * replaced by a Mermaid entity (`#quot;`, `#35;` …), which Mermaid turns back
 * into an HTML entity, i.e. into plain text.
 */

/** Labels longer than this are cut: the full text is in the responsibility table. */
export const MAX_LABEL_CHARS = 60;

// Bidi overrides/isolates and other control characters: invisible, and able to reorder what a reader sees.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LINE_BREAKS = /[\r\n\t\u2028\u2029\u0085]+/g;

const ENTITIES: Record<string, string> = {
  '#': '#35;',
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '%': '#37;',
  '`': '#96;',
  ';': '#59;',
};
const SPECIAL = /[#"&<>%`;]/g;

/** Plain text for a label: one line, no control characters, at most `max` characters. */
export function plainLabel(text: string, max = MAX_LABEL_CHARS): string {
  const flat = text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

/**
 * Before parsing, Mermaid rewrites every line matching `style…:…#…;` or
 * `classDef…:…#…;` by dropping its last `;` — which would corrupt our own
 * entities (`#quot;` → `#quot`) in a label that happens to contain those words.
 * Writing their first letter as an entity keeps such lines out of its reach.
 */
const PREPROCESSED_WORDS = /style|classDef/g;

/** Entity-escapes text for use inside a quoted Mermaid label (`"…"`). */
export function escapeLabel(text: string, max = MAX_LABEL_CHARS): string {
  return plainLabel(text, max)
    .replace(SPECIAL, (ch) => ENTITIES[ch]!)
    .replace(PREPROCESSED_WORDS, (word) => `#${word.charCodeAt(0)};${word.slice(1)}`);
}

/**
 * Text for `accTitle:`/`accDescr:`, which Mermaid reads to the end of the line
 * and sets as text (entities would show literally): one line, and no `%%`
 * that could be taken for a directive or comment anywhere in the diagram.
 */
export function accessibleText(text: string, max = 300): string {
  return plainLabel(text, max).replace(/%/g, '％').replace(/[{}]/g, (ch) => (ch === '{' ? '｛' : '｝')).replace(/;/g, '；');
}
