import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

const alias = {
  '@': fileURLToPath(new URL('./src', import.meta.url)),
  '~placements': fileURLToPath(new URL('./placements', import.meta.url)),
  '~widgets': fileURLToPath(new URL('./widgets', import.meta.url)),
}

// Three suites: pure logic and components (fast), the SDK against a live sandbox,
// and a real Chromium walking the sandbox portal. `scripts/run-tests.ts` runs them in turn.
export default defineConfig({
  plugins: [vue()],
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Components and stores need a DOM; a file that uses none says `// @vitest-environment node` on
          // its first line: happy-dom's set-up costs about half a second per file, the most of a pure file's time.
          environment: 'happy-dom',
          // Vitest's default on a 2-core machine is one worker (cores − 1), which left a core idle.
          maxWorkers: 2,
          include: ['test/unit/**/*.spec.ts', 'sandbox/**/*.spec.ts', 'src/**/*.spec.ts', 'widgets/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          // Each file has its own sandbox (free ports, a temp data directory) and runner; they wait on
          // timers and sockets far more than they compute, so two at a time share the cores well.
          maxWorkers: 2,
          include: ['test/integration/**/*.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.spec.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
