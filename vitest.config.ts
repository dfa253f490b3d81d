import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/mocks.ts'],
    testTimeout: 20_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
