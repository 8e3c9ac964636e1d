/**
 * Field descriptions carry both languages: process owners read Chinese first,
 * the English half serves reviewers and tooling. Editors show them on hover.
 */
export function bilingual(zh: string, en: string): { description: string } {
  return { description: `${zh}\n${en}` };
}
