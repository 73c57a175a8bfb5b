import { beforeAll, describe, expect, it } from 'vitest'
import { eventually, useRunnerHarness } from './helpers/runner-harness'
import { ADMIN, HEAD, MANAGER, webFormLeads } from './helpers/web-form-leads'

// The Kosino new-lead notice sent by the runner alone (L3, L5): nobody opens the app.

const harness = useRunnerHarness()
const { rest, setRecipients, sendForm, noticesOf, markers } = webFormLeads(harness)

/** Waits for a runner turn that began after `since` (portal time) and left no job of the lead: it has seen everything before. */
async function runnerCaughtUp(leadId: number): Promise<void> {
  const since = new Date(Date.now() + harness.clockOffsetMs).toISOString()
  const settled = await eventually(
    async () => ({ tick: harness.runner.status().lastTick ?? '', job: harness.runner.store.nextJob('lead', leadId) }),
    (state) => state.tick > since && state.job === null,
  )
  expect(settled.tick > since).toBe(true)
  expect(settled.job).toBeNull()
}

beforeAll(async () => {
  // The demo portal has the app's lead fields; «Аптека» → the manager.
  await setRecipients({ PHARMACY: [MANAGER] })
}, 60_000)

describe('runner: the new-lead notice', () => {
  let leadId = 0
  let first: number[] = []

  it('a web-form lead reaches the object type’s recipients, the head in copy, once, with nobody opening the app', async () => {
    leadId = await sendForm({ name: 'Светлана Аптекарева', company: 'ООО «Аптека у парка»', objectType: 'Аптека' })

    const toManager = await eventually(() => noticesOf(MANAGER, leadId), (list) => list.length > 0)
    const toHead = await eventually(() => noticesOf(HEAD, leadId), (list) => list.length > 0)
    expect(toManager).toHaveLength(1)
    expect(toManager[0]!.text).toContain('Сформирован новый «лид»')
    expect(toManager[0]!.text).toContain('Компания – ООО «Аптека у парка»')
    expect(toManager[0]!.text).toContain('Тип объекта – Аптека')
    expect(toHead).toHaveLength(1)
    expect(toHead[0]!.text.startsWith('(копия)')).toBe(true)
    expect(await noticesOf(ADMIN, leadId)).toEqual([])

    await runnerCaughtUp(leadId)
    expect(await markers(leadId)).toHaveLength(1)
    expect((await markers(leadId))[0]!.COMMENT).toContain('Уведомление о новом лиде отправлено')
    // Created «Новый» by the form's responsible (the head), handed to the object type's manager.
    expect(await rest<{ STATUS_ID: string; ASSIGNED_BY_ID: string }>(ADMIN, 'crm.lead.get', { id: leadId })).toMatchObject({ STATUS_ID: 'NEW', ASSIGNED_BY_ID: String(MANAGER) })
    first = [...toManager, ...toHead].map((n) => n.id).sort()
  })

  it('after a restart of the runner, the lead touched again sends nothing twice', async () => {
    await harness.restart()
    await rest(HEAD, 'crm.lead.update', { id: leadId, fields: { COMMENTS: 'Перезвонить после обеда' } })
    await rest(HEAD, 'crm.timeline.comment.add', { fields: { ENTITY_ID: leadId, ENTITY_TYPE: 'lead', COMMENT: 'Клиент ждёт звонка' } })
    await runnerCaughtUp(leadId)

    // A resend would have replaced each notice by a new one (same TAG, new ID).
    const now = [...(await noticesOf(MANAGER, leadId)), ...(await noticesOf(HEAD, leadId))].map((n) => n.id).sort()
    expect(now).toEqual(first)
    expect(await markers(leadId)).toHaveLength(1)
  })

  it('a lead that did not come from the web form needs nothing', async () => {
    const called = await sendForm({ name: 'Денис Широков', company: 'ООО «Аптека Плюс»', objectType: 'Аптека' }, 'CALL')
    await runnerCaughtUp(called)
    expect(await noticesOf(MANAGER, called)).toEqual([])
    expect(await markers(called)).toEqual([])
  })

  it('a web-form lead whose object type has nobody to tell waits: once recipients are set, its next edit sends the notice', async () => {
    const hotel = await sendForm({ name: 'Вера Соловьёва', company: 'ООО «Сити Стафф»', objectType: 'Апарт-отель' })
    await runnerCaughtUp(hotel)
    expect(await markers(hotel)).toEqual([])

    await setRecipients({ PHARMACY: [MANAGER], APART_HOTEL: [MANAGER] })
    await rest(HEAD, 'crm.lead.update', { id: hotel, fields: { STATUS_ID: 'NEW' } })

    const toManager = await eventually(() => noticesOf(MANAGER, hotel), (list) => list.length > 0)
    expect(toManager).toHaveLength(1)
    expect(toManager[0]!.text).toContain('Тип объекта – Апарт-отель')
    await runnerCaughtUp(hotel)
    expect(await markers(hotel)).toHaveLength(1)
  })
})
