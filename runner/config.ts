import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (this file lives in `<repo>/runner/`). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The runner's settings, from the environment (README: «The runner»). */
export interface RunnerConfig {
  port: number
  /** The interface to listen on: localhost by default (behind a proxy), 0.0.0.0 in a container. */
  host: string
  dataDir: string
  /** The local app's client id and secret (the portal's «Developer resources → Local application»). */
  clientId: string
  clientSecret: string
  /** The OAuth server that refreshes tokens: oauth.bitrix.info for a real portal, the sandbox itself locally. */
  oauthServer: string
  /** Origins allowed to hand the runner its authorization from the admin's install screen (the app's origin). */
  appOrigins: string[]
  /** How often the event queue and the schedule are looked at, in ms. */
  pollMs: number
}

function int(raw: string | undefined, fallback: number): number {
  const value = Number(raw)
  return raw !== undefined && raw !== '' && Number.isInteger(value) && value > 0 ? value : fallback
}

export function readRunnerConfig(env: NodeJS.ProcessEnv = process.env): RunnerConfig {
  return {
    // 0 asks the system for a free port (tests).
    port: env.RUNNER_PORT === '0' ? 0 : int(env.RUNNER_PORT, 4100),
    host: env.RUNNER_HOST || 'localhost',
    dataDir: path.resolve(repoRoot, env.RUNNER_DATA || '.runner/data'),
    clientId: env.RUNNER_CLIENT_ID ?? '',
    clientSecret: env.RUNNER_CLIENT_SECRET ?? '',
    oauthServer: env.RUNNER_OAUTH_SERVER || 'https://oauth.bitrix.info/rest/',
    appOrigins: (env.RUNNER_APP_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    pollMs: int(env.RUNNER_POLL_MS, 1_000),
  }
}

/** What is missing before the runner can act for a portal (told at start, never a token or secret). */
export function configProblems(config: RunnerConfig): string[] {
  const problems: string[] = []
  if (!config.clientId) problems.push('RUNNER_CLIENT_ID is not set (the local app\'s client id)')
  if (!config.clientSecret) problems.push('RUNNER_CLIENT_SECRET is not set (the local app\'s client secret)')
  return problems
}
