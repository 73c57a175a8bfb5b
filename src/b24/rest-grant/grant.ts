import { ApiVersion } from '@bitrix24/b24jssdk'
import type { B24Frame } from '@bitrix24/b24jssdk'

/**
 * What a Web Worker needs to call REST as the person who opened the frame: the frame's access
 * token and where its REST lives. The refresh token stays in the frame (a worker asks the page
 * for a fresh grant instead), so a worker can never extend its own access.
 */
export interface RestGrant {
  accessToken: string
  /** ms since the epoch */
  expiresAt: number
  /** the portal's origin, `https://<portal>` */
  origin: string
  /** REST v2's base, `https://<portal>/rest` */
  restUrl: string
  memberId: string
  isAdmin: boolean
}

/** The page's side: the grant now, and a fresh one when the portal refused the old. */
export interface RestGrantSource {
  current(): Promise<RestGrant>
  refresh(): Promise<RestGrant>
}

type FrameAuth = Pick<B24Frame['auth'], 'getAuthData' | 'refreshAuth' | 'isAdmin' | 'getTargetOrigin' | 'getTargetOriginWithPath'>

function grantOf(auth: FrameAuth, data: Exclude<ReturnType<FrameAuth['getAuthData']>, false>): RestGrant {
  return {
    accessToken: data.access_token,
    expiresAt: Number(data.expires) * 1000,
    origin: auth.getTargetOrigin(),
    restUrl: auth.getTargetOriginWithPath().get(ApiVersion.v2) ?? `${auth.getTargetOrigin()}/rest`,
    memberId: data.member_id ?? '',
    isAdmin: auth.isAdmin,
  }
}

/** Grants from the frame's own authorisation (the SDK refreshes it through the portal's parent page). */
export function frameGrantSource(auth: FrameAuth): RestGrantSource {
  return {
    async current() {
      const data = auth.getAuthData()
      return grantOf(auth, data === false ? await auth.refreshAuth() : data)
    },
    async refresh() {
      return grantOf(auth, await auth.refreshAuth())
    },
  }
}
