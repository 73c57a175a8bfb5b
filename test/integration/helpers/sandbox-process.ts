import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { startTsxProcess } from './tsx-process'

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export interface SandboxProcess {
  child: ChildProcess
  origin: string
  adminWebhookUrl: string
  /** SIGKILL: no shutdown code runs, as when the machine dies. */
  kill(): Promise<void>
}

/**
 * The sandbox as its own process (`tsx sandbox/cli.ts start`), so a test can kill it the hard
 * way and start it again on the same data directory and ports.
 */
export async function startSandboxProcess(env: { dataDir: string; port: number; httpsPort: number; appPort: number; demo?: boolean }): Promise<SandboxProcess> {
  const { process: started, banner } = await startTsxProcess('sandbox/cli.ts', ['start', ...(env.demo === false ? [] : ['--demo'])], {
    SANDBOX_DATA: env.dataDir,
    SANDBOX_PORT: String(env.port),
    SANDBOX_HTTPS_PORT: String(env.httpsPort),
    SANDBOX_APP_PORT: String(env.appPort),
    SANDBOX_LIMITS: 'off',
  }, /Control API:/)
  const webhook = banner.input.match(/Admin webhook: (\S+)/)?.[1]
  if (!webhook) throw new Error(`no webhook in the banner:\n${banner.input}`)
  return { child: started.child, origin: `http://localhost:${env.port}`, adminWebhookUrl: webhook, kill: started.kill }
}
