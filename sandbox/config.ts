import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (this file lives in `<repo>/sandbox/`). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface SandboxEnv {
  port: number
  httpsPort: number
  appPort: number
  dataDir: string
  tlsDir: string
  limits: boolean
  tokenTtlSeconds: number
  /** SANDBOX_ALLOW_LOCAL_HANDLERS; undefined = the sandbox's default (on while the app is local). */
  allowLocalHandlers: boolean | undefined
  /** SANDBOX_CLIENT_SECRET: the local app's client secret; undefined = the store's own. */
  clientSecret: string | undefined
}

function intFrom(raw: string | undefined, fallback: number): number {
  const n = Number(raw)
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n >= 0 ? n : fallback
}

/** `on`/`off` (also 1/0, true/false); anything else keeps the default. */
export function switchFrom(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback
  const value = raw.trim().toLowerCase()
  if (['on', '1', 'true', 'yes'].includes(value)) return true
  if (['off', '0', 'false', 'no'].includes(value)) return false
  return fallback
}

/** `on`/`off` like switchFrom; unset or unreadable → undefined (the caller's default applies). */
export function optionalSwitchFrom(raw: string | undefined): boolean | undefined {
  const on = switchFrom(raw, true)
  return on === switchFrom(raw, false) ? on : undefined
}

/** Reads the sandbox settings from the environment (README documents each variable). */
export function readEnv(env: NodeJS.ProcessEnv = process.env): SandboxEnv {
  return {
    port: intFrom(env.SANDBOX_PORT, 4000),
    httpsPort: intFrom(env.SANDBOX_HTTPS_PORT, 4443),
    appPort: intFrom(env.SANDBOX_APP_PORT, 4001),
    dataDir: path.resolve(repoRoot, env.SANDBOX_DATA || '.sandbox/data'),
    tlsDir: defaultTlsDir(env),
    limits: switchFrom(env.SANDBOX_LIMITS, true),
    tokenTtlSeconds: intFrom(env.SANDBOX_TOKEN_TTL, 3600) || 3600,
    allowLocalHandlers: optionalSwitchFrom(env.SANDBOX_ALLOW_LOCAL_HANDLERS),
    clientSecret: env.SANDBOX_CLIENT_SECRET?.trim() || undefined,
  }
}

export function defaultTlsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(repoRoot, env.SANDBOX_TLS_DIR || '.sandbox/tls')
}
