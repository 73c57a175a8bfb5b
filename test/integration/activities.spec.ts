import { describe, expect, it } from 'vitest'
import { appClient, callApp } from './helpers/app-client'
import { control, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// An e-mail activity on a deal, as a runner sends the seeds' client e-mails, through the unmodified SDK:
// b24restdocs api-reference/crm/timeline/activities/activity-base/crm-activity-{add,list}.md,
// tutorials/crm/how-to-add-crm-objects/how-to-send-email.md; then the deal card page shows it.
const sandbox = useTestSandbox({ limits: false })

describe('e-mail activities', () => {
  it('crm.activity.add (TYPE_ID 4, outgoing, completed) is listed with its recipient and shown on the deal card', async () => {
    await control(sandbox.origin, 'install', { installed: true })
    const deal = Number((await webhookRaw(sandbox, 1, 'crm.deal.add', { fields: { TITLE: 'Письмо клиенту', ASSIGNED_BY_ID: 3 } })).body.result)
    const { b24 } = await appClient(sandbox.origin, 3)
    const id = await callApp<number>(b24, 'crm.activity.add', {
      fields: {
        OWNER_TYPE_ID: 2,
        OWNER_ID: deal,
        TYPE_ID: 4,
        DIRECTION: 2,
        COMPLETED: 'Y',
        SUBJECT: 'Счёт на <оплату>',
        DESCRIPTION: 'Добрый день! Счёт во вложении.',
        RESPONSIBLE_ID: 3,
        COMMUNICATIONS: [{ VALUE: 'buyer@lemus.ru', ENTITY_TYPE_ID: 2, ENTITY_ID: deal }],
        SETTINGS: { MESSAGE_FROM: 'Дмитрий Кузнецов <d.kuznetsov@example.ru>' },
      },
    })
    expect(id).toBeGreaterThan(0)
    const listed = await callApp<Array<Record<string, any>>>(b24, 'crm.activity.list', {
      filter: { OWNER_TYPE_ID: 2, OWNER_ID: deal, TYPE_ID: 4 },
      select: ['*', 'COMMUNICATIONS'],
    })
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ ID: String(id), DIRECTION: '2', COMPLETED: 'Y', SUBJECT: 'Счёт на <оплату>', AUTHOR_ID: '3' })
    expect(listed[0]!.COMMUNICATIONS[0]).toMatchObject({ TYPE: 'EMAIL', VALUE: 'buyer@lemus.ru' })

    const page = await (await fetch(`${sandbox.origin}/crm/deal/details/${deal}/`)).text()
    expect(page).toContain('data-testid="card-activities"')
    expect(page).toContain(`data-activity-id="${id}"`)
    expect(page).toContain('Счёт на &lt;оплату&gt;')
    expect(page).toContain('Кому: buyer@lemus.ru')
    expect(page).toContain('Письмо отправлено')
  })

  it('a missing subject is refused with the legacy error of the page', async () => {
    const deal = Number((await webhookRaw(sandbox, 1, 'crm.deal.add', { fields: { TITLE: 'Без темы' } })).body.result)
    const reply = await webhookRaw(sandbox, 1, 'crm.activity.add', {
      fields: { OWNER_TYPE_ID: 2, OWNER_ID: deal, TYPE_ID: 4, DIRECTION: 2, RESPONSIBLE_ID: 1, COMMUNICATIONS: [{ VALUE: 'a@b.ru' }] },
    })
    expect([reply.status, reply.body]).toEqual([400, { error: '', error_description: 'The field SUBJECT is not defined or empty.' }])
  })
})
