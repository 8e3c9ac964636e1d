import { describe, expect, it } from 'vitest';
import { SHARE_DIAGRAMS_ABOVE, shareDiagrams } from '../../site/lib/diagrams.ts';

describe('shareDiagrams', () => {
  it('draws one flowchart per language up to the threshold, one shared above it', () => {
    expect(shareDiagrams(SHARE_DIAGRAMS_ABOVE, undefined)).toBe(false);
    expect(shareDiagrams(SHARE_DIAGRAMS_ABOVE + 1, undefined)).toBe(true);
  });
  it('obeys HANDBOOK_SHARED_DIAGRAMS=1 or =0 whatever the size', () => {
    expect(shareDiagrams(3, '1')).toBe(true);
    expect(shareDiagrams(100_000, '0')).toBe(false);
  });
});
