import { rmSync } from 'node:fs'
import path from 'node:path'
import { readEnv, repoRoot, type SandboxEnv } from './config'
import { seedDemo } from './demo/seed'
import { createApp } from './demo/people'
import { startSandbox, type RunningSandbox } from './server/sandbox'
import { LmdbStore } from './store/lmdb-store'

/**
 * `tsx sandbox/cli.ts start [--demo]` — the sandbox portal (env: SANDBOX_PORT, SANDBOX_HTTPS_PORT,
 *   SANDBOX_APP_PORT, SANDBOX_DATA, SANDBOX_LIMITS=on|off, SANDBOX_TOKEN_TTL, SANDBOX_TLS_DIR,
 *   SANDBOX_ALLOW_LOCAL_HANDLERS=on|off, SANDBOX_CLIENT_SECRET);
 * `reset` — wipe the data directory and reseed the demo;
 * `dev [--demo]` — Vite's dev server for the app plus the sandbox pointing at it.
 */
async function main(argv: string[]): Promise<void> {
  const [command = 'start', ...flags] = argv
  const env = readEnv()
  const demo = flags.includes('--demo')
  switch (command) {
    case 'start':
      return keepRunning(await startSandbox(optionsFrom(env, demo)))
    case 'reset':
      return reset(env)
    case 'dev':
      return dev(env, demo)
    default:
      console.error(`Unknown command "${command}". Use: start [--demo] | reset | dev [--demo]`)
      process.exitCode = 2
  }
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

function keepRunning(sandbox: RunningSandbox, extra?: () => Promise<void>): void {
  printBanner(sandbox)
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    console.log('Stopping the sandbox…')
    await extra?.().catch((error) => console.error(error))
    await sandbox.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

async function reset(env: SandboxEnv): Promise<void> {
  rmSync(env.dataDir, { recursive: true, force: true })
  const store = LmdbStore.open(env.dataDir)
  seedDemo(store, new Date())
  store.setValue('app', createApp(`http://localhost:${env.appPort}/`, env.clientSecret))
  await store.commit()
  await store.close()
  console.log(`Sandbox data reset with the demo: ${path.relative(repoRoot, env.dataDir) || env.dataDir}`)
}

async function dev(env: SandboxEnv, demo: boolean): Promise<void> {
  const { createServer } = await import('vite')
  const vite = await createServer({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    root: repoRoot,
    server: { port: env.appPort, strictPort: true, host: 'localhost' },
  })
  await vite.listen()
  const appUrl = `http://localhost:${env.appPort}/`
  const sandbox = await startSandbox({ ...optionsFrom(env, demo), appUrl })
  keepRunning(sandbox, () => vite.close())
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error)
  process.exit(1)
})
