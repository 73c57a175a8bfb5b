import { rmSync } from 'node:fs'
import path from 'node:path'
import { readEnv, repoRoot, type SandboxEnv } from './config'
import { seedDemo } from './demo/seed'
import { createApp } from './demo/people'
import { startSandbox, type RunningSandbox } from './server/sandbox'
import { LmdbStore } from './store/lmdb-store'
import { localRunnerDataDir, localRunnerUrl, startLocalRunner, type LocalRunner } from './local-runner'

/**
 * `tsx sandbox/cli.ts start [--demo] [--build] [--runner]` — the sandbox portal (env: SANDBOX_PORT,
 *   SANDBOX_HTTPS_PORT, SANDBOX_APP_PORT, SANDBOX_DATA, SANDBOX_LIMITS=on|off, SANDBOX_TOKEN_TTL,
 *   SANDBOX_TLS_DIR, SANDBOX_ALLOW_LOCAL_HANDLERS=on|off, SANDBOX_CLIENT_SECRET); `--build` builds
 *   the app first, `--runner` starts the runner beside it (RUNNER_PORT, RUNNER_DATA) and builds
 *   the app with VITE_RUNNER_URL pointing at it;
 * `reset` — wipe the data directory (and the local runner's store) and reseed the demo;
 * `dev [--demo] [--runner]` — Vite's dev server for the app plus the sandbox pointing at it.
 */
async function main(argv: string[]): Promise<void> {
  const [command = 'start', ...flags] = argv
  const env = readEnv()
  const demo = flags.includes('--demo')
  const withRunner = flags.includes('--runner')
  // The app learns the runner's address at build time (src/b24/runner-connect.ts).
  if (withRunner) process.env.VITE_RUNNER_URL ||= localRunnerUrl()
  switch (command) {
    case 'start':
      if (flags.includes('--build')) await buildApp()
      return start(env, demo, withRunner)
    case 'reset':
      return reset(env)
    case 'dev':
      return dev(env, demo, withRunner)
    default:
      console.error(`Unknown command "${command}". Use: start [--demo] [--build] [--runner] | reset | dev [--demo] [--runner]`)
      process.exitCode = 2
  }
}

async function buildApp(): Promise<void> {
  const { build } = await import('vite')
  console.log(`Building the app${process.env.VITE_RUNNER_URL ? ` (runner ${process.env.VITE_RUNNER_URL})` : ''}…`)
  await build({ configFile: path.join(repoRoot, 'vite.config.ts'), root: repoRoot, logLevel: 'warn' })
}

async function start(env: SandboxEnv, demo: boolean, withRunner: boolean, appUrl?: string, extra?: () => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ ...optionsFrom(env, demo), ...(appUrl ? { appUrl } : {}) })
  let runner: LocalRunner | undefined
  try {
    if (withRunner) runner = await startLocalRunner(sandbox, env.dataDir)
  } catch (error) {
    // One command starts all three: a runner that cannot start stops the others.
    await sandbox.close()
    await extra?.()
    throw error
  }
  keepRunning(sandbox, runner, extra)
}

function optionsFrom(env: SandboxEnv, demo: boolean) {
  return {
    port: env.port,
    httpsPort: env.httpsPort,
    appPort: env.appPort,
    dataDir: env.dataDir,
    tlsDir: env.tlsDir,
    limits: env.limits,
    tokenTtlSeconds: env.tokenTtlSeconds,
    allowLocalHandlers: env.allowLocalHandlers,
    clientSecret: env.clientSecret,
    demo,
    demoWork: demo,
  }
}

function printBanner(sandbox: RunningSandbox): void {
  console.log(`Portal: ${sandbox.origin}/`)
  console.log(`Admin webhook: ${sandbox.adminWebhookUrl}`)
  console.log(`CA certificate (NODE_EXTRA_CA_CERTS): ${sandbox.caCertPath}`)
  console.log(`App: ${sandbox.appUrl}`)
  // What a server-side runner needs for the app's own tokens (never a token itself).
  const app = sandbox.control.state().app
  console.log(`OAuth server: ${sandbox.origin}/oauth/token/ (server_endpoint ${sandbox.origin}/rest/)`)
  console.log(`App client id: ${app.clientId}`)
  console.log(`App client secret: ${app.clientSecret}`)
  console.log(`Control API: ${sandbox.origin}/sandbox-api/state`)
}

function printRunnerBanner(runner: LocalRunner): void {
  const state = runner.status().connection.state
  const store = path.relative(repoRoot, runner.config.dataDir)
  console.log(`Runner: http://localhost:${runner.port}/status (store ${store.startsWith('..') ? runner.config.dataDir : store})`)
  if (state === 'connected') console.log('Runner connected to the portal.')
  else console.log(`Runner ${state === 'revoked' ? 'revoked' : 'not connected yet'}: it connects when the admin installs the app (Portal → «Приложение»).`)
}

function keepRunning(sandbox: RunningSandbox, runner?: LocalRunner, extra?: () => Promise<void>): void {
  printBanner(sandbox)
  if (runner) printRunnerBanner(runner)
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log(runner ? 'Stopping the runner and the sandbox…' : 'Stopping the sandbox…')
    // The runner first: its last tick may still be talking to the portal.
    await runner?.stop().catch((error) => console.error(error))
    await extra?.().catch((error) => console.error(error))
    await sandbox.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

async function reset(env: SandboxEnv): Promise<void> {
  rmSync(env.dataDir, { recursive: true, force: true })
  // The local runner's store belongs to this portal (its auth, jobs by deal ID); a RUNNER_DATA of one's own is left alone.
  if (!process.env.RUNNER_DATA) rmSync(localRunnerDataDir(env.dataDir), { recursive: true, force: true })
  const store = LmdbStore.open(env.dataDir)
  seedDemo(store, new Date())
  store.setValue('app', createApp(`http://localhost:${env.appPort}/`, env.clientSecret))
  await store.commit()
  await store.close()
  console.log(`Sandbox data reset with the demo: ${path.relative(repoRoot, env.dataDir) || env.dataDir}`)
}

async function dev(env: SandboxEnv, demo: boolean, withRunner: boolean): Promise<void> {
  const { createServer } = await import('vite')
  const vite = await createServer({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    root: repoRoot,
    server: { port: env.appPort, strictPort: true, host: 'localhost' },
  })
  await vite.listen()
  await start(env, demo, withRunner, `http://localhost:${env.appPort}/`, () => vite.close())
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error)
  process.exit(1)
})
