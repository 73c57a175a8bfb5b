// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { RestError } from '../core/errors'
import { ListPage, type Params } from '../core/types'
import { BATCH_MAX, parseCommand, resolveReferences, runBatch, type Outcome } from './batch'
import type { TimeInfo } from './envelope'

const time = { start: 1, finish: 1, duration: 0, processing: 0, date_start: '', date_finish: '', operating_reset_at: 0, operating: 0 } satisfies TimeInfo

/** A fake method runner that records calls; `fail.x` methods fail, `list.x` return a page. */
function runner() {
  const calls: Array<{ method: string; params: Params }> = []
  const run = async (method: string, params: Params): Promise<Outcome> => {
    calls.push({ method, params })
    if (method.startsWith('fail')) return { ok: false, error: new RestError(400, 'NOT_FOUND', 'Not found') }
    if (method.startsWith('list')) return { ok: true, value: new ListPage([{ ID: '7' }], 120, 50), time }
    if (method === 'user.current') return { ok: true, value: { ID: '3', UF_DEPARTMENT: [2, 5] }, time }
    return { ok: true, value: { echo: params }, time }
  }
  return { calls, run }
}

// Shapes: b24restdocs `settings/how-to-call-rest-api/batch.md`.
describe('batch', () => {
  it('decodes `method?query` with PHP brackets', () => {
    expect(parseCommand('user.current?')).toEqual({ method: 'user.current', params: {} })
    expect(parseCommand('crm.deal.list?filter%5B%3EID%5D=5&select%5B0%5D=ID&a[]=1&a[]=2')).toEqual({
      method: 'crm.deal.list',
      params: { filter: { '>ID': '5' }, select: ['ID'], a: ['1', '2'] },
    })
  })

  it('resolves $result references: whole values keep their type, embedded ones become text', () => {
    const results = new Map<string, unknown>([['u', { ID: '3', UF_DEPARTMENT: [2, 5] }], ['0', [{ ID: '9' }]]])
    expect(resolveReferences({ ID: '$result[u][UF_DEPARTMENT][0]' }, results)).toEqual({ ID: 2 })
    expect(resolveReferences({ ids: '$result[u][UF_DEPARTMENT]' }, results)).toEqual({ ids: [2, 5] })
    expect(resolveReferences({ t: 'user $result[u][ID] / $result[0][0][ID]' }, results)).toEqual({ t: 'user 3 / 9' })
    expect(resolveReferences({ x: '$result[missing][ID]' }, results)).toEqual({ x: '$result[missing][ID]' })
  })

  it('runs named commands in order with references and fills every part', async () => {
    const { calls, run } = runner()
    const reply = await runBatch(
      { cmd: { me: 'user.current?', dept: 'department.get?ID=$result[me][UF_DEPARTMENT][0]', deals: 'list.deals?start=0' } },
      run,
    )
    expect(calls[1]).toEqual({ method: 'department.get', params: { ID: 2 } })
    expect(reply.result).toEqual({ me: { ID: '3', UF_DEPARTMENT: [2, 5] }, dept: { echo: { ID: 2 } }, deals: [{ ID: '7' }] })
    expect(reply.result_error).toEqual([])
    expect(reply.result_total).toEqual({ deals: 120 })
    expect(reply.result_next).toEqual({ deals: 50 })
    expect(Object.keys(reply.result_time as object)).toEqual(['me', 'dept', 'deals'])
  })

  it('halt=0 keeps going after an error; halt=1 stops there', async () => {
    const cmd = { a: 'fail.one?', b: 'echo?x=1' }
    const soft = await runBatch({ cmd, halt: 0 }, runner().run)
    expect(soft.result_error).toEqual({ a: { error: 'NOT_FOUND', error_description: 'Not found' } })
    expect(soft.result).toEqual({ b: { echo: { x: '1' } } })

    const strict = runner()
    const hard = await runBatch({ cmd, halt: '1' }, strict.run)
    expect(strict.calls).toHaveLength(1)
    expect(hard.result).toEqual([])
    expect(hard.result_error).toEqual({ a: { error: 'NOT_FOUND', error_description: 'Not found' } })
  })

  it('array cmd gives arrays while keys stay 0..n-1, objects once a row is missing', async () => {
    const all = await runBatch({ cmd: ['echo?x=1', 'echo?x=2'] }, runner().run)
    expect(all.result).toEqual([{ echo: { x: '1' } }, { echo: { x: '2' } }])
    const gap = await runBatch({ cmd: ['fail.x?', 'echo?x=2'] }, runner().run)
    expect(gap.result).toEqual({ 1: { echo: { x: '2' } } })
    expect(gap.result_error).toEqual([{ error: 'NOT_FOUND', error_description: 'Not found' }])
  })

  it('refuses more than 50 commands as a whole', async () => {
    const cmd = Array.from({ length: BATCH_MAX + 1 }, () => 'echo?')
    await expect(runBatch({ cmd }, runner().run)).rejects.toMatchObject({ status: 400, code: 'ERROR_BATCH_LENGTH_EXCEEDED' })
    await expect(runBatch({ cmd: cmd.slice(1) }, runner().run)).resolves.toBeTruthy()
  })
})
