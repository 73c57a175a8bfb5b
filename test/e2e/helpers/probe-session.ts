import { fileURLToPath } from 'node:url'
import type { UserRow } from '../../../sandbox/core/types'
import { installProbe } from './portal'
import { startPortalSession, type PortalSession } from './portal-session'
import { startStaticServer, type StaticServer } from './static-server'

const probeRoot = fileURLToPath(new URL('../../fixtures/probe-app/', import.meta.url))

export interface ProbeSessionOptions {
  tokenTtlSeconds?: number
  /** Placements the probe binds in an install before the session is handed over; none = not installed. */
  install?: Array<{ PLACEMENT: string; TITLE: string }>
  /** Console errors the test provokes on purpose. */
  ignoreErrors?: RegExp[]
}

/** The sandbox portal (demo data) opening the probe app (the SDK's UMD bundle), as its admin in Chromium. */
export interface ProbeSession extends PortalSession {
  /** The static server of the probe app: its origin, and every request the portal made to it. */
  probe: StaticServer
  /** The demo's portal admin, the page's user at the start. */
  admin: UserRow
  users: UserRow[]
}

export async function startProbeSession(options: ProbeSessionOptions = {}): Promise<ProbeSession> {
  const probe = await startStaticServer(probeRoot)
  let portal: PortalSession | undefined
  try {
    portal = await startPortalSession({ sandbox: { appUrl: `${probe.origin}/`, tokenTtlSeconds: options.tokenTtlSeconds }, ignoreErrors: options.ignoreErrors })
    const users = [...portal.sandbox.store.table<UserRow>('users').rows()]
    const admin = users.find((user) => user.IS_ADMIN)
    if (!admin) throw new Error('demo data has no admin')
    await portal.actAs(admin.ID)
    if (options.install) await installProbe(portal.page, portal.sandbox.origin, probe.origin, options.install)
    const opened = portal
    return {
      ...opened,
      probe,
      admin,
      users,
      async close() {
        await opened.close()
        await probe.close()
      },
    }
  } catch (error) {
    await portal?.close()
    await probe.close()
    throw error
  }
}
