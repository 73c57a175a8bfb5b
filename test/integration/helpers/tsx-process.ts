import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

export interface TsxProcess {
  child: ChildProcess
  /** What the process printed so far, stdout and stderr together. */
  output(): string
  /** SIGKILL: no shutdown code runs, as when the machine dies. */
  kill(): Promise<void>
}

/**
 * `node --import tsx <script> …args` from the repository root with `env` over this process's
 * environment; resolves once its output matches `ready` (its start banner), with that match.
 */
export async function startTsxProcess(script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ process: TsxProcess; banner: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const banner = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = ready.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited with ${code ?? signal}:\n${output}`))
    })
  })
  const kill = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  return { process: { child, output: () => output, kill }, banner }
}
