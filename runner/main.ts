import { configProblems, readRunnerConfig } from './config'
import { connectionOf } from './portal/app-auth'
import { verifyAdminToken } from './portal/verify-admin'
import { createRunnerServer, type RunnerStatus } from './server'
import { RunnerStore } from './store/runner-store'
import { defaultHandlers } from './handlers'
import { scheduleDigestJob } from './digest/digest-job'
import { scheduleSummaryBackfill, SUMMARY_BACKFILL } from './handlers/company-summary'
import { tick, type KindHandler, type TickReport } from './tick'

/**
 * `tsx runner/main.ts` — the app's server side (README «The runner»). Environment: RUNNER_PORT,
 * RUNNER_HOST, RUNNER_DATA, RUNNER_CLIENT_ID, RUNNER_CLIENT_SECRET, RUNNER_OAUTH_SERVER, RUNNER_APP_ORIGINS,
 * RUNNER_POLL_MS. Never prints a token or the secret.
 */
export async function startRunner(env: NodeJS.ProcessEnv = process.env, handlers: Record<string, KindHandler> = defaultHandlers) {
  const config = readRunnerConfig(env)
  const store = RunnerStore.open(config.dataDir)
  if (handlers.digest) await scheduleDigestJob(store)
  // «Сводка»: every company's summary on the first run (kept on the company by its deals' events after).
  if (SUMMARY_BACKFILL in handlers) await scheduleSummaryBackfill(store)
  let last: TickReport | null = null
  const status = (): RunnerStatus => ({
    connection: connectionOf(store),
    lastTick: last?.at ?? null,
    lastError: last?.error ?? null,
    dueJobs: store.dueJobs(new Date(8.64e15)).length,
  })
  const server = createRunnerServer({ config, store, status, verifyAdmin: (auth) => verifyAdminToken(auth), now: () => new Date() })
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve))

  let stopped = false
  let running: Promise<unknown> = Promise.resolve()
  // Idle turns space out up to 5× the poll interval (one request each); any work brings it back.
  let wait = config.pollMs
  // Until one turn has looked for pages an earlier run left reserved, every turn looks.
  let recovered = false
  const loop = async () => {
    while (!stopped) {
      running = tick(store, config, handlers, { recover: !recovered }).then((report) => {
        if (report?.recovered) recovered = true
        last = report ?? last
        const busy = !!report && (report.events > 0 || report.jobsRun > 0 || report.jobsFailed > 0)
        wait = busy ? config.pollMs : Math.min(wait * 2, config.pollMs * 5)
      })
      await running.catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, wait))
    }
  }
  void loop()
  const address = server.address()
  return {
    config,
    store,
    port: typeof address === 'object' && address ? address.port : config.port,
    status,
    async stop() {
      stopped = true
      await running.catch(() => undefined)
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
    },
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/runner\//, '/runner/'))) {
  const problems = configProblems(readRunnerConfig())
  for (const problem of problems) console.warn(`Runner: ${problem}`)
  startRunner()
    .then((runner) => {
      console.log(`Runner: http://localhost:${runner.port}/status (store ${runner.config.dataDir})`)
      const stop = () => void runner.stop().then(() => process.exit(0))
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
