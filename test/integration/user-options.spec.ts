import { B24Hook } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { appClient, callApp } from './helpers/app-client'
import { control, rest, startTestSandbox, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// user.option.set / user.option.get through the unmodified SDK (B24OAuth in the app's context), as the
// report page keeps its saved views: b24restdocs api-reference/common/settings/user-option-{set,get}.md.
const sandbox = useTestSandbox()

describe('user.option in the sandbox', () => {
  it('keeps each user their own options: only the keys given are written, with their JSON types', async () => {
    const head = (await appClient(sandbox.origin, 2)).b24
    const manager = (await appClient(sandbox.origin, 3)).b24
    expect(await callApp(head, 'user.option.get')).toEqual([])
    expect(await callApp(head, 'user.option.set', { options: { reportViews: '{"v":1}', count: 2, flags: { a: true } } })).toBe(true)
    expect(await callApp(head, 'user.option.set', { options: { count: 3 } })).toBe(true)
    expect(await callApp(head, 'user.option.get', { option: 'reportViews' })).toBe('{"v":1}')
    expect(await callApp(head, 'user.option.get')).toEqual({ reportViews: '{"v":1}', count: 3, flags: { a: true } })
    expect(await callApp(head, 'user.option.get', { option: 'missing' })).toBeNull()
    // Another user sees none of them.
    expect(await callApp(manager, 'user.option.get')).toEqual([])
    expect(await callApp(manager, 'user.option.get', { option: 'reportViews' })).toBeNull()
  })

  it('reads user.option.get inside a batch, as the report page does in its first batch', async () => {
    const head = (await appClient(sandbox.origin, 2)).b24
    const reply = await head.actions.v2.batch.make<any>({
      calls: { me: { method: 'user.current', params: {} }, views: { method: 'user.option.get', params: { option: 'reportViews' } } },
      options: { isHaltOnError: false },
    })
    expect(reply.isSuccess).toBe(true)
    expect((reply.getData() as any).views).toBe('{"v":1}')
  })

  it('answers as the portal does: nothing to write is ERROR_ARGUMENT, and a webhook has no app context', async () => {
    const token = (await control(sandbox.origin, 'tokens', { userId: 2 })).AUTH_ID
    const empty = await rest(sandbox.origin, 'user.option.set', { auth: token, options: {} })
    expect(empty.status).toBe(400)
    expect(empty.body).toMatchObject({ error: 'ERROR_ARGUMENT', error_description: "Argument 'options' is null or empty", argument: 'options' })
    // Without `options` the request's own parameters are the settings.
    expect((await rest(sandbox.origin, 'user.option.set', { auth: token, plain: 'x' })).body.result).toBe(true)
    expect((await rest(sandbox.origin, 'user.option.get', { auth: token, option: 'plain' })).body.result).toBe('x')
    for (const method of ['user.option.get', 'user.option.set']) {
      const reply = await webhookRaw(sandbox, 2, method, { options: { a: 1 } })
      expect(reply.status).toBe(403)
      expect(reply.body).toMatchObject({ error: 'ACCESS_DENIED', error_description: 'Access denied! Application context required' })
    }
    const hook = B24Hook.fromWebhookUrl(sandbox.webhookUrl(2))
    await expect(hook.actions.v2.call.make({ method: 'user.option.get', params: {} })).rejects.toThrow('Access denied! Application context required')
  })

  it('keeps the options over a restart', async () => {
    const first = await startTestSandbox()
    const token = (await control(first.origin, 'tokens', { userId: 2 })).AUTH_ID
    expect((await rest(first.origin, 'user.option.set', { auth: token, options: { reportViews: 'kept' } })).body.result).toBe(true)
    await first.close()
    const second = await startTestSandbox({ dataDir: first.dataDir })
    try {
      expect((await rest(second.origin, 'user.option.get', { auth: token, option: 'reportViews' })).body.result).toBe('kept')
    } finally {
      await second.dispose()
    }
  })
})
