import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

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
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', 'start', ...(env.demo === false ? [] : ['--demo'])], {
    cwd: repoRoot,
    env: {
      ...process.env,
      SANDBOX_DATA: env.dataDir,
      SANDBOX_PORT: String(env.port),
      SANDBOX_HTTPS_PORT: String(env.httpsPort),
      SANDBOX_APP_PORT: String(env.appPort),
      SANDBOX_LIMITS: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start in 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (/Control API:/.test(output)) {
        clearTimeout(timer)
        resolve(output)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the sandbox exited with ${code}:\n${output}`))
    })
  })
  const webhook = banner.match(/Admin webhook: (\S+)/)?.[1]
  if (!webhook) throw new Error(`no webhook in the banner:\n${banner}`)
  return {
    child,
    origin: `http://localhost:${env.port}`,
    adminWebhookUrl: webhook,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}
