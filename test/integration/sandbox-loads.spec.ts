import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

// `npm start`, the screenshots and the bench load the sandbox through tsx, whose module order
// differs from vitest's: an import cycle that vitest tolerates can leave a constant undefined
// there (it did: LIST_COST, between records.ts and the stage history). Load it the way they do.
describe('the sandbox under tsx', () => {
  it('loads every module the server and the demo data need', async () => {
    const script = "import('./sandbox/server/sandbox.ts').then(() => import('./sandbox/demo/generate.ts')).then(() => console.log('loaded'))"
    const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['-e', script], { timeout: 60_000 })
    expect(stdout.trim()).toBe('loaded')
  })
})
