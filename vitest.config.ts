import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Chromium the browser tests need, found (or installed) once: without one the run stops at once with one line.
    globalSetup: ['test/setup/chromium.ts'],
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
