import { defineConfig } from 'vitest/config'
import { alias } from './electron.vite.config'

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/support/import-worker.ts'],
    // Generous: a test that prints through Chromium took 13 s on the CI machine alone and 30 s beside other work; a
    // timeout here is no statement about speed (the benches make those), only a guard against a hang.
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
