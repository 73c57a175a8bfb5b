import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import https from 'node:https'
import { tmpdir } from 'node:os'
import path from 'node:path'
import tls from 'node:tls'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/server/sandbox'

export interface TestSandbox extends RunningSandbox {
  dataDir: string
  /** Stops the sandbox and deletes its data directory. */
  dispose(): Promise<void>
}

/**
 * Trusts the sandbox's self-signed certificate in this process: the SDK's axios uses Node's
 * global https agent, whose options apply to every new connection. Call before the SDK's
 * first https request.
 */
export function trustSandboxCertificate(caCertPath: string): void {
  https.globalAgent.options.ca = [...tls.rootCertificates, readFileSync(caCertPath, 'utf8')]
}

/** A sandbox on free ports over a fresh temp data directory, with the certificate trusted. */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'sandbox-it-'))
  const sandbox = await startSandbox({ port: 0, httpsPort: 0, dataDir, log: () => {}, ...options })
  trustSandboxCertificate(sandbox.caCertPath)
  return Object.assign(sandbox, {
    dataDir,
    async dispose() {
      await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  })
}

export interface RawReply {
  status: number
  body: Record<string, any>
  headers: Headers
}

/** A plain REST call (no SDK): `POST <origin>/rest/<method>` with a JSON body. */
export async function rest(origin: string, method: string, params: Record<string, unknown> = {}): Promise<RawReply> {
  const response = await fetch(`${origin}/rest/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  })
  return { status: response.status, body: (await response.json()) as Record<string, any>, headers: response.headers }
}

/** The raw reply of a call through a user's webhook over plain http: the portal's exact error body, which the SDK hides. */
export function webhookRaw(sandbox: RunningSandbox, userId: number, method: string, params: Record<string, unknown> = {}): Promise<RawReply> {
  const path = new URL(sandbox.webhookUrl(userId)).pathname.replace(/^\/rest\//, '')
  return rest(sandbox.origin, `${path}${method}`, params)
}

/** The control API: `POST /sandbox-api/<op>`. */
export async function control(origin: string, op: string, body: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${origin}/sandbox-api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as { result?: unknown; error_description?: string }
  if (!response.ok) throw new Error(`control ${op}: ${json.error_description}`)
  return json.result
}
