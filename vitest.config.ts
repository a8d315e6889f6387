import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/import-worker.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
