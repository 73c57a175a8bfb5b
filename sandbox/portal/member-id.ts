import { createHash } from 'node:crypto'
import type { PortalServices } from '../core/types'

/** The portal's `member_id`: a stable 32-hex id, derived from the app's client id so it survives restarts. */
export function memberIdOf(services: PortalServices): string {
  const stored = services.store.getValue<string>('memberId')
  if (typeof stored === 'string' && stored) return stored
  return createHash('md5').update(`sandbox-portal:${services.app().clientId}`).digest('hex')
}
