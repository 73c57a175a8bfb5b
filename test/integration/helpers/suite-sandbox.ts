import { afterAll, beforeAll } from 'vitest'
import type { SandboxOptions } from '../../../sandbox/server/sandbox'
import { startTestSandbox, type TestSandbox } from './sandbox'

/**
 * The sandbox of a spec file: started (certificate trusted) in beforeAll, disposed in afterAll.
 * The returned object stands for the running sandbox; a spec's own beforeAll registered after
 * this call already sees it started. Reading it before then throws.
 */
export function useTestSandbox(options: Partial<SandboxOptions> = {}): TestSandbox {
  let running: TestSandbox | undefined
  beforeAll(async () => {
    running = await startTestSandbox(options)
  })
  afterAll(async () => {
    await running?.dispose()
  })
  return new Proxy({} as TestSandbox, {
    get(_, key) {
      if (!running) throw new Error('the test sandbox is not started yet (it starts in beforeAll)')
      return Reflect.get(running, key, running)
    },
  })
}
