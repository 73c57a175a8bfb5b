import { mkdirSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { authenticate } from '../auth/authenticate'
import { oauthToken } from '../auth/oauth-server'
import { portalMemberId } from '../portal/member-id'
import type { PortalServices, UserRow } from '../core/types'
import { defaultTlsDir, repoRoot } from '../config'
import { seedDemoWork } from '../demo/work'
import { allMethods } from '../rest/methods'
import { readApp } from '../rest/methods/system/app-state'
import { isLocalUrl } from '../rest/methods/system/handler-url'
import { RestInvoker } from '../rest/invoke'
import { RestRouter } from '../rest/router'
import type { Store } from '../store/types'
import { LmdbStore } from '../store/lmdb-store'
import { createControl, ensureAppUrl, seedIfEmpty, type SandboxControl } from './control'
import { EventDispatcher } from './event-dispatcher'
import { createRequestHandler } from './http-handler'
import { createPortalServices } from './portal-services'
import { serveApp } from './static-app'
import { SandboxState } from './state'
import { ensureTls } from './tls'

export interface SandboxOptions {
  /** Portal http port; 0 = any free port. */
  port: number
  /** REST over TLS (webhooks); 0 = any free port. */
  httpsPort: number
  /** Where the sandbox serves the built app when `appUrl` is not given; 0 or absent = any free port. */
  appPort?: number
  dataDir: string
  /** Seed an empty store with the demo CRM data (otherwise people and the app only). */
  demo?: boolean
  /**
   * With `demo`: once the app is installed, add what the demo's people would have entered with it (plans,
   * the Kosino deals' sale items; demo/work.ts). `npm start` sets it; tests seed what they check themselves.
   */
  demoWork?: boolean
  /** Rate and operating-time limits on (default) or off. */
  limits?: boolean
  tokenTtlSeconds?: number
  /** The app served elsewhere (e.g. Vite's dev server); the sandbox then serves no app itself. */
  appUrl?: string
  /**
   * placement.bind and event.bind accept handlers on localhost and private addresses, which the portal
   * refuses (ERROR_WRONG_HANDLER_URL). Default: on when the app is local — served by the sandbox itself,
   * or an `appUrl` on localhost (`npm run dev`) — since its handlers are then local too; off otherwise.
   */
  allowLocalHandlers?: boolean
  /** The built app to serve (default `<repo>/dist`). */
  appDir?: string
  /** Where the TLS pair lives (default SANDBOX_TLS_DIR or `<repo>/.sandbox/tls`). */
  tlsDir?: string
  /** The local app's client secret (SANDBOX_CLIENT_SECRET); absent = the one in the store, made once. */
  clientSecret?: string
  log?: (message: string, error?: unknown) => void
}

export interface RunningSandbox {
  /** `http://localhost:PORT`: the portal origin (also in the iframes' window.name). */
  origin: string
  httpsOrigin: string
  /** Where the portal opens the app, with a trailing slash. */
  appUrl: string
  store: Store
  /** `https://localhost:HTTPSPORT/rest/1/<secret>/` */
  adminWebhookUrl: string
  webhookUrl(userId: number): string
  /** The self-signed certificate: NODE_EXTRA_CA_CERTS for Node clients. */
  caCertPath: string
  services: PortalServices
  control: SandboxControl
  close(): Promise<void>
}

const HOST = '127.0.0.1'

function listen(server: http.Server | https.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

const defaultLog = (message: string, error?: unknown) => console.error(`[sandbox] ${message}`, error ?? '')

/** Starts the sandbox portal: REST over http and https, portal pages, control API, the app. */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const log = options.log ?? defaultLog
  mkdirSync(options.dataDir, { recursive: true })
  const tls = await ensureTls(options.tlsDir ?? defaultTlsDir())
  const store = LmdbStore.open(options.dataDir)
  const allowLocalHandlers = options.allowLocalHandlers ?? (options.appUrl === undefined || isLocalUrl(options.appUrl))
  const state = new SandboxState(store, { limits: options.limits ?? true, tokenTtlSeconds: options.tokenTtlSeconds ?? 3600, allowLocalHandlers }, log)

  // Origins are known only after listening; the handlers read them through this holder.
  const origins = { http: '', https: '', app: '' }
  // Online events go to their handlers once the request that raised them is committed.
  const dispatcher = new EventDispatcher({
    store,
    tokens: state.tokens,
    app: () => readApp(store),
    memberId: () => portalMemberId(store),
    portalOrigin: () => origins.http,
    commitSoon: () => state.commitSoon(),
    log,
  })
  const commitThenDispatch = () => {
    const written = store.commit()
    written.then(() => dispatcher.flushSoon(), () => {})
    return written
  }
  const invoker = new RestInvoker({
    store,
    methods: allMethods,
    limits: () => state.limits,
    operating: state.operating,
    faults: state.faults,
    nowMs: () => state.nowMs(),
    get origin() {
      return origins.http
    },
    log,
    allowLocalHandlers: () => state.allowLocalHandlers,
    serial: state.serial,
    commit: commitThenDispatch,
    countCall: (method, source) => state.calls.count(method, source),
    countRequest: (source) => state.calls.request(source),
  })
  const rest = new RestRouter({
    invoker,
    authenticate: (credentials) => authenticate(store, state.tokens, readApp(store), credentials),
    bucket: state.bucket,
    limits: () => state.limits,
    store,
    nowMs: () => state.nowMs(),
    log,
    stats: state.stats,
  })
  const control = createControl(state, () => origins.app)
  let services: PortalServices | undefined
  const portal = () => (services ??= createPortalServices(state, origins.http, options.demo && options.demoWork ? (now) => seedDemoWork(store, now) : undefined))
  const commit = () => store.commit()

  // The OAuth server (what oauth.bitrix.info does) on both origins; a refresh commits before it answers.
  const oauth = (serverOrigin: () => string) => async (params: Record<string, unknown>) => {
    const { reply, committed } = await state.serial.run(() => {
      const reply = oauthToken(
        { tokens: state.tokens, app: () => readApp(store), memberId: () => portalMemberId(store), portalOrigin: () => origins.http, nowMs: () => state.nowMs() },
        params,
        serverOrigin(),
      )
      return { reply, committed: store.commit() }
    })
    await committed
    return reply
  }
  const httpServer = http.createServer(createRequestHandler({ rest, control, portal, commit, log, oauth: oauth(() => origins.http) }))
  const httpsServer = https.createServer(
    { key: tls.key, cert: tls.cert },
    createRequestHandler({ rest, portal, commit, log, oauth: oauth(() => origins.https) }),
  )
  const appDir = options.appDir ?? path.join(repoRoot, 'dist')
  const appServer = options.appUrl ? undefined : http.createServer((req, res) => serveApp(appDir, req, res))
  const servers: Array<http.Server | https.Server> = []
  try {
    const port = await listen(httpServer, options.port)
    servers.push(httpServer)
    const httpsPort = await listen(httpsServer, options.httpsPort)
    servers.push(httpsServer)
    origins.http = `http://localhost:${port}`
    origins.https = `https://localhost:${httpsPort}`
    if (appServer) {
      const appPort = await listen(appServer, options.appPort ?? 0)
      servers.push(appServer)
      origins.app = `http://localhost:${appPort}/`
    } else {
      origins.app = options.appUrl!.endsWith('/') ? options.appUrl! : `${options.appUrl}/`
    }
    seedIfEmpty(state, options.demo ?? false)
    ensureAppUrl(state, origins.app)
    if (options.clientSecret) store.setValue('app', { ...readApp(store), clientSecret: options.clientSecret })
    await store.commit()
  } catch (error) {
    dispatcher.stop()
    await Promise.all(servers.map(closeServer))
    await store.close()
    throw error
  }

  const webhookUrl = (userId: number) => {
    const user = store.table<UserRow>('users').get(userId)
    if (!user) throw new Error(`no user ${userId}`)
    return `${origins.https}/rest/${userId}/${user.WEBHOOK_SECRET}/`
  }
  let closing: Promise<void> | undefined
  return {
    origin: origins.http,
    httpsOrigin: origins.https,
    appUrl: origins.app,
    store,
    get adminWebhookUrl() {
      return webhookUrl(1)
    },
    webhookUrl,
    caCertPath: tls.certPath,
    services: portal(),
    control,
    close: () =>
      (closing ??= (async () => {
        dispatcher.stop()
        await Promise.all(servers.map(closeServer))
        await store.close()
      })()),
  }
}
