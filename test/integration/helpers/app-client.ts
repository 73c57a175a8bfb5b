import { B24OAuth, EnumAppStatus, type B24OAuthParams } from '@bitrix24/b24jssdk'
import { control } from './sandbox'

/** The token pair the control API's `tokens` op issues in the app's context. */
export interface IssuedPair {
  AUTH_ID: string
  REFRESH_ID: string
  AUTH_EXPIRES: number
}

/** The local app's client id and secret, as `/sandbox-api/state` (and the start banner) show them. */
export async function appSecret(origin: string): Promise<{ clientId: string; clientSecret: string }> {
  const state = await control(origin, 'state')
  return { clientId: state.app.clientId, clientSecret: state.app.clientSecret }
}

/**
 * The unmodified SDK's B24OAuth over a pair issued in the app's context, as a server-side runner holds
 * it: REST at `<origin>/rest/`, refreshes through `<serverOrigin>/oauth/token/`. Every refreshed pair
 * is pushed to `refreshed`.
 */
export async function appClient(origin: string, userId: number, serverOrigin = origin) {
  const pair = (await control(origin, 'tokens', { userId })) as IssuedPair
  const { clientId, clientSecret } = await appSecret(origin)
  const params: B24OAuthParams = {
    applicationToken: '',
    userId,
    memberId: 'sandbox',
    accessToken: pair.AUTH_ID,
    refreshToken: pair.REFRESH_ID,
    expires: Math.floor(Date.now() / 1000) + pair.AUTH_EXPIRES,
    expiresIn: pair.AUTH_EXPIRES,
    scope: 'crm,task',
    domain: new URL(origin).host,
    clientEndpoint: `${origin}/rest/`,
    serverEndpoint: `${serverOrigin}/rest/`,
    status: EnumAppStatus.Local,
  }
  const b24 = new B24OAuth(params, { clientId, clientSecret }, { restrictionParams: { maxRetries: 1, retryOnNetworkError: false } })
  b24.offClientSideWarning()
  const refreshed: B24OAuthParams[] = []
  b24.setCallbackRefreshAuth(async ({ b24OAuthParams }) => {
    refreshed.push({ ...b24OAuthParams })
  })
  return { b24, pair, refreshed }
}

/** One call through the SDK; throws with the portal's messages when it fails. */
export async function callApp<T>(b24: B24OAuth, method: string, params: Record<string, unknown> = {}): Promise<T> {
  const reply = await b24.actions.v2.call.make<T>({ method, params })
  if (!reply.isSuccess) throw new Error(reply.getErrorMessages().join('; '))
  return reply.getData()!.result
}
