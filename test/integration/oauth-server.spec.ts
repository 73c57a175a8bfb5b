import type { B24OAuth } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { appClient, appSecret, callApp, type IssuedPair } from './helpers/app-client'
import { control, rest } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// The sandbox's OAuth server through the unmodified SDK's B24OAuth, as a server-side runner uses it.
// b24restdocs settings/oauth/auto-renewal.md (the refresh grant and reply), settings/oauth/error-codes.md
// (invalid_client, invalid_grant), _includes/system-errors.md (expired_token 401).
const sandbox = useTestSandbox({ limits: false })

async function serverTime(b24: B24OAuth): Promise<string> {
  const reply = await b24.actions.v2.call.make<string>({ method: 'server.time', params: {} })
  if (!reply.isSuccess) throw new Error(reply.getErrorMessages().join('; '))
  return reply.getData()!.result
}

describe('the OAuth server for a runner (B24OAuth)', () => {
  it('an expired access token is refreshed through /oauth/token/ and the call goes through', async () => {
    const { b24, pair, refreshed } = await appClient(sandbox.origin, 1)
    expect(await serverTime(b24)).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(refreshed).toHaveLength(0)

    // The sandbox's clock passes the token's hour: the portal answers expired_token, the SDK refreshes.
    await control(sandbox.origin, 'clock', { offsetMs: 2 * 3600_000 })
    try {
      const expired = await rest(sandbox.origin, 'server.time', { auth: pair.AUTH_ID })
      expect([expired.status, expired.body.error]).toEqual([401, 'expired_token'])
      expect(await serverTime(b24)).toMatch(/^\d{4}-/)
      expect(refreshed).toHaveLength(1)
      expect(refreshed[0]).toMatchObject({
        clientEndpoint: `${sandbox.origin}/rest/`,
        serverEndpoint: `${sandbox.origin}/rest/`,
        userId: 1,
      })
      expect(refreshed[0]!.accessToken).not.toBe(pair.AUTH_ID)
      expect(refreshed[0]!.refreshToken).not.toBe(pair.REFRESH_ID)

      // Rotation: the used refresh token no longer works at the OAuth server.
      const { clientId, clientSecret } = await appSecret(sandbox.origin)
      const again = await fetch(
        `${sandbox.origin}/oauth/token/?grant_type=refresh_token&client_id=${clientId}&client_secret=${clientSecret}&refresh_token=${pair.REFRESH_ID}`,
      )
      expect(again.status).toBe(400)
      expect(await again.json()).toMatchObject({ error: 'invalid_grant' })
    } finally {
      await control(sandbox.origin, 'clock', { offsetMs: 0 })
    }
  })

  it('works on the https origin as well (server_endpoint follows the origin asked)', async () => {
    const { b24, refreshed } = await appClient(sandbox.origin, 3, sandbox.httpsOrigin)
    await control(sandbox.origin, 'clock', { offsetMs: 2 * 3600_000 })
    try {
      await serverTime(b24)
      expect(refreshed[0]?.serverEndpoint).toBe(`${sandbox.httpsOrigin}/rest/`)
      expect(refreshed[0]?.userId).toBe(3)
    } finally {
      await control(sandbox.origin, 'clock', { offsetMs: 0 })
    }
  })

  it('a wrong client secret is refused with invalid_client and no pair is spent', async () => {
    const pair = (await control(sandbox.origin, 'tokens', { userId: 1 })) as IssuedPair
    const { clientId, clientSecret } = await appSecret(sandbox.origin)
    const form = (secret: string) =>
      new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, client_secret: secret, refresh_token: pair.REFRESH_ID })
    const wrong = await fetch(`${sandbox.origin}/oauth/token/`, { method: 'POST', body: form('wrong-secret') })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: 'The client credentials are invalid' })
    const right = await fetch(`${sandbox.origin}/oauth/token/`, { method: 'POST', body: form(clientSecret) })
    expect(right.status).toBe(200)
  })

  it('a revoked app is refused: REST answers invalid_token, the SDK refresh gets invalid_grant', async () => {
    const { b24, pair } = await appClient(sandbox.origin, 1)
    const before = (await control(sandbox.origin, 'state')).app.applicationToken
    expect(await control(sandbox.origin, 'revoke', {})).toMatchObject({ reinstalled: true })
    expect((await control(sandbox.origin, 'state')).app.applicationToken).not.toBe(before)

    const direct = await rest(sandbox.origin, 'server.time', { auth: pair.AUTH_ID })
    expect([direct.status, direct.body.error]).toEqual([401, 'invalid_token'])
    // The SDK 2.2.0 reports the refused refresh of a call as AjaxError JSSDK_UNKNOWN_ERROR carrying the
    // server's error_description; its own refreshAuth() keeps the code (RefreshTokenError invalid_grant, 400).
    const refused = await b24.actions.v2.call.make({ method: 'server.time', params: {} }).then(
      (reply) => (reply.isSuccess ? 'ok' : reply.getErrorMessages().join('; ')),
      (error: { message?: string }) => error.message ?? '',
    )
    expect(refused).toBe('Invalid refresh token')
    const refresh = await b24.auth.refreshAuth().then(
      () => 'ok',
      (error: { code?: string; status?: number }) => `${error.status} ${error.code}`,
    )
    expect(refresh).toBe('400 invalid_grant')
  })

  it('revoking one user leaves the others working', async () => {
    const manager = (await control(sandbox.origin, 'tokens', { userId: 3 })) as IssuedPair
    const head = (await control(sandbox.origin, 'tokens', { userId: 2 })) as IssuedPair
    expect(await control(sandbox.origin, 'revoke', { userId: 3 })).toEqual({ revoked: 1, reinstalled: false })
    expect((await rest(sandbox.origin, 'server.time', { auth: manager.AUTH_ID })).status).toBe(401)
    expect((await rest(sandbox.origin, 'server.time', { auth: head.AUTH_ID })).status).toBe(200)
  })

  it('app.info reflects the install state (api-reference/common/system/app-info.md INSTALLED)', async () => {
    const { b24 } = await appClient(sandbox.origin, 1)
    await control(sandbox.origin, 'install', { installed: false })
    expect(await callApp(b24, 'app.info')).toMatchObject({ INSTALLED: false, STATUS: 'L' })
    await control(sandbox.origin, 'install', { installed: true })
    expect(await callApp(b24, 'app.info')).toMatchObject({ INSTALLED: true })
  })
})
