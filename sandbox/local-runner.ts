import path from 'node:path'
import { readRunnerConfig } from '../runner/config'
import { startRunner } from '../runner/main'
import type { RunningSandbox } from './server/sandbox'

/*
 * The runner beside the sandbox (`npm start`, `npm run dev`): the sandbox's own local app gives it
 * its client id and secret, the sandbox is its OAuth server, and the app's origin is the one origin
 * that may hand it the admin's authorization (the install screen, POST /connect).
 * RUNNER_PORT, RUNNER_DATA and RUNNER_POLL_MS are honoured; the store defaults to
 * `<sandbox data>/../runner`, so `sandbox:reset` wipes it with the portal it belongs to.
 */

export type LocalRunner = Awaited<ReturnType<typeof startRunner>>

/** Where the local runner keeps its store unless RUNNER_DATA says otherwise. */
export function localRunnerDataDir(sandboxDataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.RUNNER_DATA ? readRunnerConfig(env).dataDir : path.join(path.dirname(sandboxDataDir), 'runner')
}

/** The address the app is built with (VITE_RUNNER_URL) and the banner prints. */
export function localRunnerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://localhost:${readRunnerConfig(env).port}`
}

export interface LocalRunnerFacts {
  /** The sandbox portal's origin, e.g. `http://localhost:4000`. */
  portalOrigin: string
  /** Where the portal opens the app. */
  appUrl: string
  clientId: string
  clientSecret: string
  dataDir: string
}

/** The runner's environment for a sandbox portal. */
export function localRunnerEnv(facts: LocalRunnerFacts, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const runnerEnv: NodeJS.ProcessEnv = {
    RUNNER_DATA: facts.dataDir,
    RUNNER_CLIENT_ID: facts.clientId,
    RUNNER_CLIENT_SECRET: facts.clientSecret,
    RUNNER_OAUTH_SERVER: `${facts.portalOrigin}/rest/`,
    RUNNER_APP_ORIGINS: new URL(facts.appUrl).origin,
  }
  if (env.RUNNER_PORT) runnerEnv.RUNNER_PORT = env.RUNNER_PORT
  if (env.RUNNER_POLL_MS) runnerEnv.RUNNER_POLL_MS = env.RUNNER_POLL_MS
  return runnerEnv
}

export function startLocalRunner(sandbox: RunningSandbox, sandboxDataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<LocalRunner> {
  const app = sandbox.control.state().app
  return startRunner(
    localRunnerEnv(
      { portalOrigin: sandbox.origin, appUrl: sandbox.appUrl, clientId: app.clientId, clientSecret: app.clientSecret, dataDir: localRunnerDataDir(sandboxDataDir, env) },
      env,
    ),
  )
}
