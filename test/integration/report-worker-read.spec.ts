import { describe, expect, it } from 'vitest'
import type { UserRow } from '../../sandbox/core/types'
import { generateDeals } from '../../sandbox/demo/generate'
import type { RestGrant } from '../../src/b24/rest-grant/grant'
import { DEFAULT_REPORT_FIELDS, dealsRead } from '../../src/domain/reports'
import { DealsEngine } from '../../widgets/reports/deals-engine'
import { DealsReads, type ReadEvent, type ReadReply } from '../../widgets/reports/deals-read'
import { appClient } from './helpers/app-client'
import { control } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// The report page's deals read as its worker does it (issue 15), as a manager who sees only his own deals: the SDK's own REST client (HttpV2) with
// the frame's grant, through the gateway's keyset batches (b24restdocs settings/performance/huge-data.md),
// the rows straight into the engine. Checked against crm.deal.list through the SDK as the same user.

const sandbox = useTestSandbox({ demo: true, limits: false })

async function grantFor(userId: number, expiresAt?: number): Promise<RestGrant> {
  const pair = (await control(sandbox.origin, 'tokens', { userId })) as { AUTH_ID: string; AUTH_EXPIRES: number }
  return {
    accessToken: pair.AUTH_ID,
    expiresAt: expiresAt ?? Date.now() + pair.AUTH_EXPIRES * 1000,
    origin: sandbox.origin,
    restUrl: `${sandbox.origin}/rest/`,
    memberId: 'sandbox',
    isAdmin: false,
  }
}

/** Runs one read in a DealsReads as the worker would; `refresh` answers the worker's call for a new grant. */
function readAs(order: ReturnType<typeof dealsRead>, grant: RestGrant, refresh: () => Promise<RestGrant | null>) {
  const engine = new DealsEngine()
  const events: ReadEvent[] = []
  let reads!: DealsReads
  const done = new Promise<ReadReply>((resolve) => {
    reads = new DealsReads(engine, (message) => {
      if (!('event' in message)) return resolve(message)
      events.push(message)
      if (message.event === 'refresh') void refresh().then((fresh) => reads.handle({ id: 1, op: 'grant', grant: fresh }))
    })
  })
  reads.handle({ id: 1, op: 'read', order: { method: order.method, params: order.params, idKey: order.rowIdKey, cursorKey: order.idKey, fields: DEFAULT_REPORT_FIELDS }, grant })
  return { engine, events, done }
}

describe('the report worker reads the deals itself', () => {
  it('reads every deal the user may see, in ⌈N/2500⌉ batch requests, refreshing an expired grant through the page', async () => {
    generateDeals(sandbox.store, 3000, { seed: 21, now: new Date('2026-11-01T00:00:00Z') })
    const head = [...sandbox.store.table<UserRow>('users').rows()].find((u) => u.CRM_ACCESS === 'A')!
    // Every third deal of someone else is closed to others: his rights must leave those out.
    const deals = sandbox.store.table<{ ID: number; ASSIGNED_BY_ID: unknown }>('deals')
    for (const deal of [...deals.rows()]) if (deal.ID % 3 === 0 && Number(deal.ASSIGNED_BY_ID) !== head.ID) deals.update(deal.ID, { OPENED: 'N' } as never)
    await sandbox.store.commit()
    const { b24 } = await appClient(sandbox.origin, head.ID)
    const all = await b24.actions.v2.callList.make<{ ID: string }>({ method: 'crm.deal.list', params: { select: ['ID'] }, idKey: 'ID' })
    const visible = (all.getData() as Array<{ ID: string }>).map((row) => Number(row.ID))
    expect(visible.length).toBeGreaterThan(500)
    expect(visible.length).toBeLessThan(sandbox.store.table('deals').size) // his rights leave deals out

    // The grant has run out: the SDK asks for a new one before the first request, the page gives it.
    let refreshes = 0
    const run = readAs(dealsRead(), await grantFor(head.ID, Date.now() - 1000), async () => (refreshes++, grantFor(head.ID)))
    const reply = await run.done
    expect(reply).toEqual({ id: 1, ok: true, value: visible.length })
    expect(refreshes).toBe(1)
    expect(run.engine.deals.map((deal) => deal.id).sort((a, b) => a - b)).toEqual([...visible].sort((a, b) => a - b))
    const requests = run.events.filter((event) => event.event === 'request').length
    expect(requests).toBe(Math.ceil((visible.length + 1) / 2500))
    const progress = run.events.flatMap((event) => (event.event === 'progress' ? [event.rows] : []))
    expect(progress.at(-1)).toBe(visible.length)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })

  it('a token the portal refuses is refreshed once and the read goes on; a refused refresh ends it as expired', async () => {
    const head = [...sandbox.store.table<UserRow>('users').rows()].find((u) => u.CRM_ACCESS === 'A')!
    const stale = { ...(await grantFor(head.ID)), accessToken: 'not-a-token' }
    let refreshes = 0
    const ok = readAs(dealsRead(), stale, async () => (refreshes++, grantFor(head.ID)))
    expect((await ok.done).ok).toBe(true)
    expect(refreshes).toBe(1)
    expect(ok.engine.deals.length).toBeGreaterThan(500)

    const refused = readAs(dealsRead(), stale, async () => null)
    const reply = await refused.done
    expect(reply.ok).toBe(false)
    expect(reply.ok ? null : reply.failure.kind).toBe('expired')
    expect(refused.engine.deals).toHaveLength(0)
  })
})
