/**
 * The bench's «runner» part (`npm run bench -- runner`): how soon the runner acts on a deal move
 * and what it costs the portal, with the portal's limits ON (2 requests/s after a burst of 50).
 *
 * A «Товары» deal moved from «Не обработан» to «Экспресс-идентификация» by its manager (through
 * the manager's own webhook) gets the «Выполнить Экспресс-идентификацию» task from the runner.
 * Latency: from the moment the move's REST call returned to the moment the task is in the
 * portal's store (the sandbox runs in this process; the task table is watched every 10 ms).
 * - idle: BENCH_RUNNER_IDLE_MOVES (20) single moves, each after the runner has gone quiet;
 * - burst: BENCH_RUNNER_MOVES (1,000) moves sent at once, 50 to a batch request.
 * Requests per effect: the HTTP requests made with the app's tokens (the sandbox's call counts
 * by auth source; a batch is one) over the effects written. The people act from another loopback
 * address, so the rate limit (per client IP) counts the runner's requests apart from theirs.
 * The runner runs in this process with its own poll interval (RUNNER_POLL_MS, 1 s) unless
 * BENCH_RUNNER_POLL_MS says otherwise; it is connected by the admin's install in Chromium.
 *
 * Env: BENCH_RUNNER_MOVES (1000), BENCH_RUNNER_IDLE_MOVES (20), BENCH_RUNNER_POLL_MS,
 * BENCH_RUNNER_TIMEOUT_MS (600000: how long the burst may take), CHROMIUM_PATH, BENCH_APP_DIR (the built app, `dist`).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { startRunner } from '../runner/main'
import { OFFLINE_QUEUE_TABLE } from '../sandbox/rest/methods/system/offline-queue'
import { startSandbox } from '../sandbox/server/sandbox'
import { ExpressTaskWatch } from './express-watch'
import { appDir, install, launchChromium, log, runnerEnvBeside, type Sandbox } from './portal-tab'
import { runnerCosts, type RunnerCosts } from './runner-costs'
import { median, percentile, table } from './stats'
import { userBatch, userRest } from './user-rest'

const MOVES = Number(process.env.BENCH_RUNNER_MOVES ?? 1_000)
const IDLE_MOVES = Number(process.env.BENCH_RUNNER_IDLE_MOVES ?? 20)
const TIMEOUT = Number(process.env.BENCH_RUNNER_TIMEOUT_MS ?? 10 * 60_000)
const EXPRESS = 'Выполнить Экспресс-идентификацию'
const ADMIN = 1
/** The demo's two managers; each moves their own deals. */
const MANAGERS = [3, 4]
const GOAL_REQUESTS_PER_EFFECT = 1 / 40

type Runner = Awaited<ReturnType<typeof startRunner>>

interface Deal {
  id: number
  owner: number
}

interface PhaseResult {
  name: string
  moves: number
  done: number
  doubled: number
  latenciesMs: number[]
  /** The runner's requests, 503 refusals and effects from the first move to the last deal's task… */
  toLastTask: WindowCosts
  /** …and until it had nothing left to do (the follow-ups of its own writes included). */
  untilQuiet: WindowCosts
  lastTaskMs: number
  quietMs: number
}

interface WindowCosts {
  costs: RunnerCosts
  refused: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(ok: () => boolean, timeoutMs: number, what: string): Promise<boolean> {
  const end = Date.now() + timeoutMs
  while (!ok()) {
    if (Date.now() > end) {
      log(`gave up waiting: ${what}`)
      return false
    }
    await sleep(20)
  }
  return true
}

async function goodsStages(sandbox: Sandbox): Promise<{ categoryId: number; start: string; express: string }> {
  const categories = await userRest<{ categories: { id: number; name: string }[] }>(sandbox, ADMIN, 'crm.category.list', { entityTypeId: 2 })
  const categoryId = Number(categories.categories.find((c) => c.name === 'Товары')!.id)
  const stages = await userRest<{ STATUS_ID: string; NAME: string }[]>(sandbox, ADMIN, 'crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${categoryId}` } })
  const stage = (name: string) => stages.find((s) => s.NAME === name)!.STATUS_ID
  return { categoryId, start: stage('Не обработан'), express: stage('Экспресс-идентификация') }
}

/** The admin adds `count` deals at «Не обработан», the managers' in turn, 50 to a batch. */
async function addDeals(sandbox: Sandbox, stages: { categoryId: number; start: string }, count: number): Promise<Deal[]> {
  const deals: Deal[] = []
  for (let first = 0; first < count; first += 50) {
    const owners = new Map<string, number>()
    const commands: Parameters<typeof userBatch>[2] = {}
    for (let index = first; index < Math.min(count, first + 50); index++) {
      const owner = MANAGERS[index % MANAGERS.length]!
      owners.set(`d${index}`, owner)
      commands[`d${index}`] = {
        method: 'crm.deal.add',
        params: { 'fields[TITLE]': `Бенч раннера ${index}`, 'fields[CATEGORY_ID]': stages.categoryId, 'fields[STAGE_ID]': stages.start, 'fields[OPPORTUNITY]': 1000, 'fields[CURRENCY_ID]': 'RUB', 'fields[ASSIGNED_BY_ID]': owner },
      }
    }
    const result = await userBatch(sandbox, ADMIN, commands)
    for (const [name, owner] of owners) deals.push({ id: Number(result[name]), owner })
  }
  return deals
}

/** The runner beside the portal, connected by the admin's install screen (the app option `runnerUrl` points it there). */
async function runnerConnectedByInstall(sandbox: Sandbox, dataDir: string): Promise<Runner> {
  const runner = await startRunner({
    ...runnerEnvBeside(sandbox, dataDir),
    ...(process.env.BENCH_RUNNER_POLL_MS ? { RUNNER_POLL_MS: process.env.BENCH_RUNNER_POLL_MS } : {}),
  })
  const { AUTH_ID } = sandbox.control.issueTokens(ADMIN)
  const reply = await fetch(`${sandbox.origin}/rest/app.option.set`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ options: { runnerUrl: `http://localhost:${runner.port}` }, auth: AUTH_ID }),
  })
  if (!reply.ok) throw new Error(`app.option.set runnerUrl: ${reply.status}`)
  const browser = await launchChromium()
  try {
    await install(browser, sandbox, ADMIN)
  } finally {
    await browser.close()
  }
  if (!(await until(() => runner.status().connection.state === 'connected', 30_000, 'the install to connect the runner'))) throw new Error('the install did not connect the runner')
  return runner
}

/**
 * Waits until the event queue is empty and the runner has nothing due, three looks in a row
 * 200 ms apart; answers when the first of those looks was (performance.now()).
 */
async function runnerQuiet(sandbox: Sandbox, runner: Runner): Promise<number> {
  let calmSince = 0
  let calm = 0
  await until(
    () => {
      const quiet = sandbox.store.table(OFFLINE_QUEUE_TABLE).size === 0 && runner.store.dueJobs(new Date()).length === 0
      calm = quiet ? calm + 1 : 0
      if (calm === 1) calmSince = performance.now()
      return calm >= 3
    },
    TIMEOUT,
    'the runner to go quiet',
  )
  await sleep(200)
  return calmSince
}

/**
 * Runs `moves` (which answers each deal's move time) with limits ON and fresh call counts, until
 * every deal has its task and then until the runner has nothing left to do (its own follow-ups).
 */
async function phase(sandbox: Sandbox, runner: Runner, name: string, deals: Deal[], moves: (watch: ExpressTaskWatch) => Promise<Map<number, number>>): Promise<PhaseResult> {
  sandbox.control.limits({ enabled: true })
  await runnerQuiet(sandbox, runner)
  sandbox.control.resetCalls()
  const refusedBefore = sandbox.control.state().stats.queryLimitRefusals
  const window = () => {
    const state = sandbox.control.state()
    return { costs: runnerCosts(state.calls), refused: state.stats.queryLimitRefusals - refusedBefore }
  }
  const watch = new ExpressTaskWatch(sandbox.store, EXPRESS).start()
  const started = performance.now()
  const movedAt = await moves(watch)
  const ids = deals.map((deal) => deal.id)
  await until(() => watch.done(ids) === ids.length, TIMEOUT, `${name}: every deal's task`)
  const toLastTask = window()
  const lastTaskMs = Math.max(...ids.map((id) => watch.firstSeen.get(id) ?? 0)) - started
  const quietMs = (await runnerQuiet(sandbox, runner)) - started
  watch.stop()
  const latenciesMs = ids.filter((id) => watch.firstSeen.has(id)).map((id) => watch.firstSeen.get(id)! - movedAt.get(id)!)
  return { name, moves: ids.length, done: watch.done(ids), doubled: watch.doubled(ids), latenciesMs, toLastTask, untilQuiet: window(), lastTaskMs, quietMs }
}

const moveParams = (deal: Deal, stage: string) => ({ id: deal.id, 'fields[STAGE_ID]': stage })

/** One move at a time: the next one only after the task of the last appeared and the runner went quiet. */
function idleMoves(sandbox: Sandbox, runner: Runner, deals: Deal[], stage: string) {
  return async (watch: ExpressTaskWatch) => {
    const movedAt = new Map<number, number>()
    for (const deal of deals) {
      await userRest(sandbox, deal.owner, 'crm.deal.update', { id: deal.id, fields: { STAGE_ID: stage } })
      movedAt.set(deal.id, performance.now())
      await until(() => watch.firstSeen.has(deal.id), 60_000, `the task of deal ${deal.id}`)
      await runnerQuiet(sandbox, runner)
    }
    return movedAt
  }
}

/** Every move at once: each manager's deals 50 to a batch, the batches one after another as fast as the portal answers. */
function burstMoves(sandbox: Sandbox, deals: Deal[], stage: string) {
  return async () => {
    const movedAt = new Map<number, number>()
    const batches = MANAGERS.flatMap((owner) => {
      const own = deals.filter((deal) => deal.owner === owner)
      return Array.from({ length: Math.ceil(own.length / 50) }, (_, index) => own.slice(index * 50, index * 50 + 50))
    })
    for (const batch of batches) {
      await userBatch(sandbox, batch[0]!.owner, Object.fromEntries(batch.map((deal) => [`m${deal.id}`, { method: 'crm.deal.update', params: moveParams(deal, stage) }])))
      const at = performance.now()
      for (const deal of batch) movedAt.set(deal.id, at)
    }
    log(`burst: ${deals.length} moves sent in ${batches.length} batch requests`)
    return movedAt
  }
}

/** Requests the runner makes when nothing happens (its polling), per second over `ms`. */
async function idleRequestsPerSecond(sandbox: Sandbox, ms: number): Promise<number> {
  sandbox.control.resetCalls()
  await sleep(ms)
  return runnerCosts(sandbox.control.state().calls).requests / (ms / 1000)
}

function report(results: PhaseResult[], pollPerSecond: number): void {
  const seconds = (ms: number) => (ms / 1000).toFixed(2)
  const perEffect = (w: WindowCosts) => (w.costs.requests + w.refused) / Math.max(1, w.costs.effects)
  console.log('')
  console.log('The runner: deal moved to «Экспресс-идентификация» → its «Выполнить Экспресс-идентификацию» task exists; portal limits ON.')
  console.log(
    table([
      ['phase', 'moves', 'tasks', 'doubled', 'median s', 'p95 s', 'max s', 'last task s', 'quiet s', 'requests', 'refused', 'effects', 'requests/effect'],
      ...results.flatMap((r) =>
        (['to last task', 'until quiet'] as const).map((upTo) => {
          const w = upTo === 'to last task' ? r.toLastTask : r.untilQuiet
          const latency = upTo === 'to last task' ? [seconds(median(r.latenciesMs)), seconds(percentile(r.latenciesMs, 95)), seconds(Math.max(...r.latenciesMs))] : ['', '', '']
          const shown = upTo === 'to last task' ? [r.moves, r.done, r.doubled] : ['', '', '']
          return [`${r.name}, ${upTo}`, ...shown, ...latency, seconds(r.lastTaskMs), seconds(r.quietMs), w.costs.requests, w.refused, w.costs.effects, perEffect(w).toFixed(3)]
        }),
      ),
    ]),
  )
  console.log('')
  for (const r of results) {
    const { tasks, dealUpdates, notifications, otherWrites } = r.untilQuiet.costs
    console.log(`${r.name}: effects = ${tasks} tasks + ${dealUpdates} deal updates + ${notifications} notifications + ${otherWrites} other writes`)
    const calls = Object.entries(r.untilQuiet.costs.byMethod).sort(([, a], [, b]) => b - a)
    console.log(`  the runner's calls until quiet (batch commands one by one): ${calls.map(([method, count]) => `${method} ${count}`).join(', ')}`)
  }
  console.log("requests = HTTP requests with the app's tokens that reached the portal (a batch is one); refused = 503 QUERY_LIMIT_EXCEEDED; requests/effect counts both")
  console.log('latency: from the move\'s REST reply to the task in the portal\'s store; quiet s: until the event queue was empty and the runner had nothing due')
  const burst = results[results.length - 1]!.untilQuiet
  console.log(`idle polling: ${pollPerSecond.toFixed(1)} requests/s with nothing to do`)
  console.log(`goal ≤ 1/40 = ${GOAL_REQUESTS_PER_EFFECT} requests per effect under the burst: ${perEffect(burst) <= GOAL_REQUESTS_PER_EFFECT ? 'met' : 'NOT met'} (${perEffect(burst).toFixed(3)} until quiet)`)
}

export async function runnerBench(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'runner-bench-portal-'))
  const runnerDir = await mkdtemp(join(tmpdir(), 'runner-bench-store-'))
  const started = performance.now()
  // Limits off while the deals are made; each phase turns them on.
  const sandbox = await startSandbox({ port: 0, httpsPort: 0, appPort: 0, dataDir, demo: true, limits: false, log: () => undefined, ...appDir() })
  let runner: Runner | undefined
  try {
    const stages = await goodsStages(sandbox)
    // Made before the install binds the runner's events: the runner's work is the moves alone.
    const deals = await addDeals(sandbox, stages, IDLE_MOVES + MOVES)
    log(`${deals.length} «Товары» deals at «Не обработан»; installing the app as the admin (connects the runner)`)
    runner = await runnerConnectedByInstall(sandbox, runnerDir)
    await runnerQuiet(sandbox, runner)
    const pollPerSecond = await idleRequestsPerSecond(sandbox, 10_000)

    const idle = await phase(sandbox, runner, `idle, ${IDLE_MOVES} single moves`, deals.slice(0, IDLE_MOVES), idleMoves(sandbox, runner, deals.slice(0, IDLE_MOVES), stages.express))
    log(`idle: ${idle.done}/${idle.moves} tasks, median ${(median(idle.latenciesMs) / 1000).toFixed(2)} s`)
    const burstDeals = deals.slice(IDLE_MOVES)
    const burst = await phase(sandbox, runner, `burst of ${MOVES} moves`, burstDeals, burstMoves(sandbox, burstDeals, stages.express))
    log(`burst: ${burst.done}/${burst.moves} tasks in ${(burst.lastTaskMs / 1000).toFixed(1)} s, the runner quiet after ${(burst.quietMs / 1000).toFixed(1)} s`)
    report([idle, burst], pollPerSecond)
    console.log(`runner part wall time: ${((performance.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    await runner?.stop().catch(() => undefined)
    await sandbox.close()
    await rm(dataDir, { recursive: true, force: true })
    await rm(runnerDir, { recursive: true, force: true })
  }
}
