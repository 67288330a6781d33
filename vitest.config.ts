/** Unit tests: Node environment, sources imported as TypeScript; the renderer's aliases resolve. */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@core': resolve(import.meta.dirname, 'main/core'),
      '@api': resolve(import.meta.dirname, 'main/api'),
    },
  },
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/crash/**/*.test.ts',
      'tests/fuzz/**/*.test.ts',
      'tests/security/**/*.test.ts',
    ],
    environment: 'node',
  },
});
