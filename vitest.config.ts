import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/sync/**/*.test.ts', 'main/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The printing tests print through a CUPS scheduler of their own (tests/helpers/test-cups.ts).
    globalSetup: ['tests/setup/cups.global.ts'],
  },
});
