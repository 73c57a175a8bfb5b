import https from 'node:https'
import tls from 'node:tls'
import { B24Hook } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { control, rest } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// The unmodified SDK's webhook client (B24Hook) from Node over HTTPS against the sandbox.
const sandbox = useTestSandbox({ limits: true })

function httpsStatus(url: string, agent?: https.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    https.get(url, agent ? { agent } : {}, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    }).on('error', reject)
  })
}

describe('B24Hook against the sandbox', () => {
  it('the certificate is trusted through the global agent, and only through it', async () => {
    const url = `${sandbox.adminWebhookUrl}server.time`
    expect(await httpsStatus(url)).toBe(200)
    const untrusting = new https.Agent({ ca: [...tls.rootCertificates] })
    await expect(httpsStatus(url, untrusting)).rejects.toThrow(/self[- ]signed|certificate/i)
  })

  it('calls server.time and user.current', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    // b24restdocs `api-reference/common/system/server-time.md`: `YYYY-MM-DDThh:mm:ss±hh:mm`
    const time = await b24.actions.v2.call.make<string>({ method: 'server.time' })
    expect(time.isSuccess).toBe(true)
    expect(time.getData()!.result).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    // b24restdocs `api-reference/user/user-current.md`: ID is a string, UF_DEPARTMENT numbers.
    const me = await b24.actions.v2.call.make<Record<string, unknown>>({ method: 'user.current' })
    expect(me.getData()!.result).toMatchObject({ ID: '1', ACTIVE: true, UF_DEPARTMENT: [1] })
  })

  it('runs a batch whose second command reads the first one’s result', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    // b24restdocs `settings/how-to-call-rest-api/batch.md`: the user.current → department.get chain.
    const reply = await b24.actions.v2.batch.make<any>({
      calls: {
        me: { method: 'user.current', params: {} },
        dept: { method: 'department.get', params: { ID: '$result[me][UF_DEPARTMENT][0]' } },
      },
      options: { isHaltOnError: true },
    })
    expect(reply.isSuccess).toBe(true)
    const data = reply.getData() as any
    expect(data.me.ID).toBe('3')
    // b24restdocs `api-reference/departments/department-get.md`: IDs as strings, SORT a number.
    expect(data.dept).toEqual([{ ID: '2', NAME: 'Отдел продаж', SORT: 200, PARENT: '1', UF_HEAD: '2' }])
  })

  it('reads a list with start=-1 (no total, no next) and through callList’s ID keyset', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    // b24restdocs `settings/performance/huge-data.md`: start=-1 → total 0 and no next.
    const page = await b24.actions.v2.call.make<any[]>({ method: 'user.get', params: { start: -1, FILTER: { '>ID': 2 } } })
    expect(page.getData()!.result.map((u) => u.ID)).toEqual(['3', '4', '5', '6', '7'])
    expect(page.getTotal()).toBe(0)
    expect(page.isMore()).toBe(false)
    const all = await b24.actions.v2.callList.make<any>({ method: 'user.get', params: { FILTER: { UF_DEPARTMENT: 2 } }, idKey: 'ID' })
    expect(all.isSuccess).toBe(true)
    expect((all.getData() as any[]).map((u) => u.ID)).toEqual(['2', '3', '4'])
  })

  it('an unknown method fails as on the portal: 404 ERROR_METHOD_NOT_FOUND', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    let code = ''
    try {
      const reply = await b24.actions.v2.call.make({ method: 'crm.nothing.here' })
      code = reply.getErrorMessages().join(' ')
    } catch (error: any) {
      code = `${error.status} ${error.code}`
    }
    expect(code).toBe('404 ERROR_METHOD_NOT_FOUND')
  })

  it('a non-admin’s webhook cannot app.option.set (ACCESS_DENIED)', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    let failure = ''
    try {
      await b24.actions.v2.call.make({ method: 'app.option.set', params: { options: { x: 1 } } })
    } catch (error: any) {
      failure = `${error.status} ${error.code}`
    }
    // b24restdocs `api-reference/common/settings/app-option-set.md`
    expect(failure).toBe('403 ACCESS_DENIED')
  })

  it('after the burst the sandbox answers 503 QUERY_LIMIT_EXCEEDED and the SDK’s retry gets through', async () => {
    await control(sandbox.origin, 'limits', { enabled: true, burst: 3, drainRate: 2 })
    try {
      for (let i = 0; i < 3; i++) expect((await rest(sandbox.origin, 'server.time', {})).status).toBe(401)
      const refused = await rest(sandbox.origin, 'server.time', {})
      // b24restdocs `_includes/system-errors.md`
      expect(refused).toMatchObject({ status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED' } })
      const refusedBefore = sandbox.control.state().stats.queryLimitRefusals
      const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
      const time = await b24.actions.v2.call.make<string>({ method: 'server.time' })
      expect(time.isSuccess).toBe(true)
      // The SDK's first attempt hit the full bucket too: it was refused, waited and retried.
      expect(sandbox.control.state().stats.queryLimitRefusals).toBeGreaterThan(refusedBefore)
    } finally {
      await control(sandbox.origin, 'limits', { burst: 50, drainRate: 2 })
    }
  })
})
