import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { MAX_SPEC_BYTES } from '../core/source.ts';
import type { SourceContent } from './engine.ts';

/** A file's bytes, or why it could not be read (a directory, permissions, gone), or its size when too large. */
export function readSource(absolute: string, knownSize?: number): SourceContent {
  try {
    // One open for the size and the bytes (a stat by path first costs a second lookup per file).
    const fd = openSync(absolute, 'r');
    try {
      const size = knownSize ?? fstatSync(fd).size;
      if (size > MAX_SPEC_BYTES) return { tooLarge: size };
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    return { error: code || String(error) };
  }
}
