import { defineConfig } from 'vitest/config'
import { alias } from './electron.vite.config'

/** Benchmarks print figures; they assert nothing about speed and are not part of `npm test`. */
export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/bench/**/*.bench.ts'],
    environment: 'node',
    globalSetup: ['test/support/import-worker.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ['verbose'],
    silent: false
  }
})
