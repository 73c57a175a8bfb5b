import qs from 'qs'
import { describe, expect, it } from 'vitest'
import { control, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// Two requests never interleave inside one batch: a batch's commands and its commit are one unit
// against other requests (sandbox/core/serial.ts). The commands: b24restdocs
// settings/how-to-call-rest-api/batch.md ($result references, halt), crm/companies/crm-company-list.md.
const sandbox = useTestSandbox({ limits: false })

async function newCompany(title: string): Promise<{ id: number; version: string }> {
  const added = await webhookRaw(sandbox, 1, 'crm.company.add', { fields: { TITLE: title } })
  const id = Number(added.body.result)
  const read = await webhookRaw(sandbox, 1, 'crm.company.get', { id })
  return { id, version: String(read.body.result.DATE_MODIFY) }
}

/** Compare-and-set: list the company at the version the user saw, update it by the ID that list gave. */
function compareAndSet(id: number, version: string, comments: string) {
  return webhookRaw(sandbox, 1, 'batch', {
    halt: 1,
    cmd: {
      check: `crm.company.list?${qs.stringify({ filter: { ID: id, DATE_MODIFY: version }, select: ['ID'] })}`,
      update: `crm.company.update?${qs.stringify({ id: '$result[check][0][ID]', fields: { COMMENTS: comments } })}`,
    },
  })
}

describe('concurrent requests against one batch', () => {
  it('of two concurrent compare-and-set batches on one version, exactly one writes', async () => {
    const { id, version } = await newCompany('Гонка')
    // Later writes get another DATE_MODIFY second than the version both writers saw.
    await control(sandbox.origin, 'clock', { offsetMs: 3600_000 })
    try {
      // Each update hangs 300 ms inside its batch: time enough for the other request to come in.
      await control(sandbox.origin, 'faults', { method: 'crm.company.update', count: 2, delayMs: 300 })
      const [first, second] = await Promise.all([compareAndSet(id, version, 'первый'), compareAndSet(id, version, 'второй')])
      const wrote = [first, second].map((reply) => reply.body.result.result.update === true)
      expect(wrote.filter(Boolean)).toHaveLength(1)
      const loser = wrote[0] ? second : first
      expect(loser.body.result.result.check).toEqual([])
      expect(Object.keys(loser.body.result.result_error)).toEqual(['update'])
      const company = await webhookRaw(sandbox, 1, 'crm.company.get', { id })
      expect(company.body.result.COMMENTS).toBe(wrote[0] ? 'первый' : 'второй')
    } finally {
      await control(sandbox.origin, 'faults/clear')
      await control(sandbox.origin, 'clock', { offsetMs: 0 })
    }
  })

  it('a read that comes in during a batch sees the record before it or after it, never halfway', async () => {
    const { id } = await newCompany('Полпути')
    // The first update writes, then hangs 400 ms before the batch goes on to the second.
    await control(sandbox.origin, 'faults', { method: 'crm.company.update', count: 1, delayMs: 400, after: true })
    try {
      const batch = webhookRaw(sandbox, 1, 'batch', {
        halt: 1,
        cmd: {
          a: `crm.company.update?${qs.stringify({ id, fields: { COMMENTS: 'halfway' } })}`,
          b: `crm.company.update?${qs.stringify({ id, fields: { COMMENTS: 'done' } })}`,
        },
      })
      await new Promise((resolve) => setTimeout(resolve, 100))
      const during = await webhookRaw(sandbox, 1, 'crm.company.get', { id })
      expect((await batch).body.result.result).toEqual({ a: true, b: true })
      expect(['', 'done']).toContain(during.body.result.COMMENTS ?? '')
      expect(during.body.result.COMMENTS).not.toBe('halfway')
    } finally {
      await control(sandbox.origin, 'faults/clear')
    }
  })

  it('a fault that hangs a single call does not hold up the other requests', async () => {
    const { id } = await newCompany('Зависание')
    await control(sandbox.origin, 'faults', { method: 'crm.company.get', count: 1, delayMs: 1500 })
    try {
      const hanging = webhookRaw(sandbox, 1, 'crm.company.get', { id })
      await new Promise((resolve) => setTimeout(resolve, 50))
      const started = Date.now()
      expect((await webhookRaw(sandbox, 1, 'server.time')).status).toBe(200)
      expect(Date.now() - started).toBeLessThan(1000)
      expect((await hanging).status).toBe(200)
    } finally {
      await control(sandbox.origin, 'faults/clear')
    }
  })
})
