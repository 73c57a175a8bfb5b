import { createHash } from 'node:crypto'
import type { PortalServices } from '../core/types'
import type { Store } from '../store/types'
import { readApp } from '../rest/methods/system/app-state'

/** The portal's `member_id`: a stable 32-hex id, derived from the app's client id so it survives restarts. */
export function portalMemberId(store: Store, clientId: string = readApp(store).clientId): string {
  const stored = store.getValue<string>('memberId')
  if (typeof stored === 'string' && stored) return stored
  return createHash('md5').update(`sandbox-portal:${clientId}`).digest('hex')
}

export function memberIdOf(services: PortalServices): string {
  return portalMemberId(services.store, services.app().clientId)
}
