import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { MAX_SPEC_BYTES } from '../core/source.ts';
import type { SourceContent } from './check-file.ts';

/**
 * Reads files into one buffer, reused: a spec's bytes are decoded before the next is read, and
 * a buffer per file would leave the allocator fragmented (megabytes over a large handbook).
 */
export class SourceReader {
  private buffer = Buffer.allocUnsafe(64 * 1024);

  /** The file's bytes (valid until the next read), why it could not be read, or its size when too large. */
  read(absolute: string, knownSize?: number): SourceContent {
    return readSource(absolute, knownSize, this);
  }

  /** The bytes of an open file of `size` bytes, in the shared buffer. */
  fill(fd: number, size: number): Uint8Array {
    if (this.buffer.length < size + 1) this.buffer = Buffer.allocUnsafe(Math.min(Math.max(size + 1, this.buffer.length * 2), MAX_SPEC_BYTES + 1));
    let length = 0;
    // Until the end of the file: it may have grown since it was measured.
    for (let read = -1; read !== 0 && length < this.buffer.length; length += read) read = readSync(fd, this.buffer, length, this.buffer.length - length, null);
    return this.buffer.subarray(0, length);
  }
}

/** A file's bytes, or why it could not be read (a directory, permissions, gone), or its size when too large. */
export function readSource(absolute: string, knownSize?: number, reader?: SourceReader): SourceContent {
  try {
    // One open for the size and the bytes (a stat by path first costs a second lookup per file).
    const fd = openSync(absolute, 'r');
    try {
      const size = knownSize ?? fstatSync(fd).size;
      if (size > MAX_SPEC_BYTES) return { tooLarge: size };
      if (reader) {
        const bytes = reader.fill(fd, size);
        return bytes.length > MAX_SPEC_BYTES ? { tooLarge: bytes.length } : bytes;
      }
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    return { error: code || String(error) };
  }
}
