import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startRunner } from '../../../runner/main'
import { appSecret } from '../../integration/helpers/app-client'
import { connectRunner, runnerEnv } from '../../integration/helpers/runner-harness'

/**
 * The runner in this process beside an e2e portal, connected as the admin's install connects it
 * (the e2e build has no runner address of its own). Start it after the app is installed: the
 * install bound the runner's offline events.
 */
export async function startRunnerBeside(origin: string): Promise<{ stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'runner-e2e-'))
  const runner = await startRunner(runnerEnv({ origin }, dataDir, await appSecret(origin)))
  await connectRunner(origin, runner.port)
  return {
    async stop() {
      await runner.stop().catch(() => undefined)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
