import { startTsxProcess, type TsxProcess } from './tsx-process'

export interface RunnerProcess extends TsxProcess {
  port: number
}

/**
 * The runner as its own process (`node --import tsx runner/main.ts`), so a test can kill it the
 * hard way and start it again on the same RUNNER_DATA. Resolves once it printed its banner
 * `Runner: http://localhost:<port>/status`.
 */
export async function startRunnerProcess(env: NodeJS.ProcessEnv): Promise<RunnerProcess> {
  const { process, banner } = await startTsxProcess('runner/main.ts', [], env, /Runner: http:\/\/localhost:(\d+)\/status/)
  return { ...process, port: Number(banner[1]) }
}
