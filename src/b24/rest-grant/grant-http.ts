import { ApiVersion, HttpV2 } from '@bitrix24/b24jssdk'
import type { AuthActions, AuthData } from '@bitrix24/b24jssdk'
import { FRAME_RESTRICTIONS } from '../frame-restrictions'
import type { RestGrant } from './grant'

const authDataOf = (grant: RestGrant): AuthData => ({
  access_token: grant.accessToken,
  // Not a webhook ('hook' would leave the token out of the request); the real one stays with the page.
  refresh_token: '',
  expires: Math.floor(grant.expiresAt / 1000),
  expires_in: Math.max(0, Math.round((grant.expiresAt - Date.now()) / 1000)),
  domain: grant.origin,
  member_id: grant.memberId,
})

/**
 * The SDK's own REST v2 client where there is no frame (a Web Worker): it calls, limits and
 * parses as the frame's client does, with the frame's grant. When the portal refuses the token
 * the SDK asks `refresh` for a new grant (the page asks the portal), as a frame asks its parent.
 */
export function grantHttp(first: RestGrant, refresh: () => Promise<RestGrant>): HttpV2 {
  let grant = first
  const auth: AuthActions = {
    getAuthData: () => (grant.expiresAt > Date.now() ? authDataOf(grant) : false),
    async refreshAuth() {
      grant = await refresh()
      return authDataOf(grant)
    },
    getUniq: (prefix) => [prefix, grant.memberId].join('_'),
    isAdmin: grant.isAdmin,
    getTargetOrigin: () => grant.origin,
    getTargetOriginWithPath: () => new Map([[ApiVersion.v2, grant.restUrl]]),
  }
  const http = new HttpV2(auth, null, FRAME_RESTRICTIONS)
  // Outside a window the SDK takes itself for a server and names itself in a User-Agent header,
  // which a browser refuses to send (and a cross-origin portal would have to allow in a preflight).
  delete http.ajaxClient.defaults.headers['User-Agent']
  return http
}
