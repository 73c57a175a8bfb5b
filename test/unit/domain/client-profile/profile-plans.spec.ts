// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  appendStatusLog,
  companyUpdateDone,
  historyEventPlan,
  newContactKey,
  planKind,
  profileSavePlan,
  readStatusLog,
  statusChangeLanded,
  statusChangePlan,
  stoppedByConflict,
  withCompanyUpdateDone,
  writtenSteps,
  utf8Length,
  type StatusChangeRecord,
} from '@/domain/client-profile'
import { idempotencyTag, settle, stepState, withStep, type WritePlan } from '@/domain/write-plan'

const now = new Date('2026-03-05T10:00:00Z')
const record: StatusChangeRecord = {
  from: { level: 'NEW', subStatus: null, inactive: false },
  to: { level: 'NEW', subStatus: null, inactive: true },
  action: { type: 'deactivate' },
  by: 3,
  at: '2026-03-05T10:00:00.123Z',
}

function savePlan(relink: number[] | null = null): WritePlan {
  return profileSavePlan({
    planId: 'p1',
    companyId: 42,
    dateModify: '2026-03-05T09:00:00+03:00',
    fields: { UF_CRM_KOS_ADDRESS: 'Москва' },
    contacts: {
      add: [{ key: 'n1', lastName: 'Петров', firstName: 'Пётр', middleName: '' }],
      update: [{ contactId: 7, lastName: 'Иванова', firstName: 'Анна', middleName: '' }],
      relink,
    },
    assignedById: 3,
    now,
    meta: { edited: { address: 'Москва' } },
  })
}

describe('profile save plan', () => {
  it('guards the company update with the version read, then contacts, then the links', () => {
    const plan = savePlan([7])
    expect(planKind(plan)).toBe('profile-save')
    expect(plan.scope).toBe('company:42')
    expect(plan.steps.map((step) => [step.key, step.method])).toEqual([
      ['p1-check', 'crm.company.list'],
      ['p1-company', 'crm.company.update'],
      ['p1-contact-n1', 'crm.contact.add'],
      ['p1-rename-7', 'crm.contact.update'],
      ['p1-links', 'crm.company.contact.items.set'],
    ])
    expect(plan.steps[0]!.params).toEqual({ filter: { ID: 42, '=DATE_MODIFY': '2026-03-05T09:00:00+03:00' }, select: ['ID'] })
    // The update takes the company's ID from the check: a moved company leaves it without one.
    expect(plan.steps[1]!.params).toEqual({ id: { $step: 'p1-check' }, fields: { UF_CRM_KOS_ADDRESS: 'Москва' } })
    // A new contact is found again by its key; it names the company directly (never re-checks it).
    expect(plan.steps[2]!.params).toMatchObject({ fields: { COMPANY_ID: 42, LAST_NAME: 'Петров', ORIGINATOR_ID: 'b24app', ORIGIN_ID: newContactKey('p1', 'n1') } })
    expect(plan.steps[2]!.find).toMatchObject({ method: 'crm.contact.list', needle: 'p1-contact-n1' })
    expect(plan.steps[4]!.params).toEqual({ id: 42, items: [{ CONTACT_ID: 7, SORT: 10 }, { CONTACT_ID: { $step: 'p1-contact-n1' }, SORT: 20 }] })
    expect(plan.meta).toEqual({ edited: { address: 'Москва' }, kind: 'profile-save' })
  })

  it('writes no links when none is removed, and refuses an empty company update', () => {
    expect(savePlan().steps.map((step) => step.key)).not.toContain('p1-links')
    expect(() => profileSavePlan({ planId: 'p2', companyId: 1, dateModify: 'x', fields: {}, contacts: { add: [], update: [], relink: null }, assignedById: 1, now })).toThrow()
  })

  it('tells a stop at the check (someone moved the company) from other stops', () => {
    const plan = savePlan()
    const moved = settle(withStep(plan, 'p1-check', { status: 'failed', attempts: 1, error: { kind: 'conflict', code: 'VERSION_MOVED', description: '' } }), 'incomplete')
    expect(stoppedByConflict(moved)).toBe(true)
    const denied = settle(withStep(plan, 'p1-company', { status: 'failed', attempts: 1, error: { kind: 'access', code: '', description: 'Access denied.' } }), 'incomplete')
    expect(stoppedByConflict(denied)).toBe(false)
    expect(writtenSteps(denied)).toEqual([])
    const halfway = withStep(withStep(plan, 'p1-check', { status: 'done', value: 42, attempts: 1 }), 'p1-company', { status: 'done', value: true, attempts: 1 })
    expect(companyUpdateDone(halfway)).toBe(true)
    expect(writtenSteps(halfway).map((step) => step.key)).toEqual(['p1-company'])
  })
})

describe('profile save plan with positions (issue 16)', () => {
  it('writes each person’s position to the contact’s POST, and clears the legacy company position last', () => {
    const plan = profileSavePlan({
      planId: 'p3',
      companyId: 42,
      dateModify: 'v1',
      fields: { UF_CRM_KOS_SHOW_POSITION: 1 },
      contacts: {
        add: [{ key: 'n1', lastName: 'Петров', firstName: 'Пётр', middleName: '', position: 'Кладовщик' }],
        update: [{ contactId: 7, lastName: 'Иванова', firstName: 'Анна', middleName: '', position: 'Коммерческий директор' }],
        relink: null,
      },
      afterContacts: { UF_CRM_KOS_POSITION: '' },
      assignedById: 3,
      now,
    })
    expect(plan.steps.map((step) => step.key)).toEqual(['p3-check', 'p3-company', 'p3-contact-n1', 'p3-rename-7', 'p3-after-contacts'])
    expect(plan.steps[2]!.params).toMatchObject({ fields: { POST: 'Кладовщик' } })
    expect(plan.steps[3]!.params).toEqual({ id: 7, fields: { NAME: 'Анна', LAST_NAME: 'Иванова', SECOND_NAME: '', POST: 'Коммерческий директор' } })
    expect(plan.steps[4]).toMatchObject({ method: 'crm.company.update', kind: 'set', params: { id: 42, fields: { UF_CRM_KOS_POSITION: '' } } })
    // Without positions (the block hidden) no POST is sent: the portal keeps what it holds.
    expect(savePlan().steps[2]!.params.fields).not.toHaveProperty('POST')
    expect(savePlan().steps[3]!.params).toEqual({ id: 7, fields: { NAME: 'Анна', LAST_NAME: 'Иванова', SECOND_NAME: '' } })
  })
})

describe('status change plan', () => {
  const plan = statusChangePlan({
    planId: 's1',
    companyId: 42,
    dateModify: '2026-03-05T09:00:00+03:00',
    fields: { UF_CRM_KOS_INACTIVE: 1 },
    comment: 'Статус клиента: Новый → Не активен',
    move: { ru: 'Новый → Не активен', en: 'New → Inactive' },
    record,
    now,
  })

  it('writes the comment only after the guarded status update', () => {
    expect(plan.steps.map((step) => step.method)).toEqual(['crm.company.list', 'crm.company.update', 'crm.timeline.comment.add'])
    expect(plan.steps[1]!.params).toMatchObject({ id: { $step: 's1-check' } })
    expect((plan.steps[2]!.params.fields as { COMMENT: string }).COMMENT).toBe(`Статус клиента: Новый → Не активен\n${idempotencyTag('s1-comment')}`)
    expect(plan.title).toEqual({ ru: 'Статус клиента: Новый → Не активен', en: 'Client status: New → Inactive' })
  })

  it('knows its own update in the status log, and resumes after it without reading the version again', () => {
    const other = { ...record, at: '2026-03-05T10:00:01.000Z' }
    expect(statusChangeLanded(plan, [other])).toBe(false)
    expect(statusChangeLanded(plan, [other, record])).toBe(true)
    expect(statusChangeLanded(savePlan(), [record])).toBe(false)
    const resumed = withCompanyUpdateDone(plan, 42)
    expect(stepState(resumed, 's1-check')).toMatchObject({ status: 'done', value: 42 })
    expect(stepState(resumed, 's1-company')).toMatchObject({ status: 'done' })
    expect(stepState(resumed, 's1-comment').status).toBe('pending')
  })
})

describe('history event plan', () => {
  it('is one tagged comment with its files, found again after a lost reply', () => {
    const plan = historyEventPlan({ planId: 'h1', companyId: 42, comment: '[Подписание соглашения/договора] 2026-03-05\nLOI', files: [['loi.pdf', 'JVBERi0=']], now })
    expect(planKind(plan)).toBe('history-event')
    expect(plan.steps).toHaveLength(1)
    expect(plan.steps[0]!.params).toEqual({
      fields: { ENTITY_ID: 42, ENTITY_TYPE: 'company', COMMENT: '[Подписание соглашения/договора] 2026-03-05\nLOI\n[b24app:h1-event]', FILES: [['loi.pdf', 'JVBERi0=']] },
    })
    expect(plan.steps[0]!.find).toMatchObject({ method: 'crm.timeline.comment.list', match: 'contains', needle: '[b24app:h1-event]' })
  })
})

describe('status log size', () => {
  it('drops the oldest records to stay within what the portal’s field holds, never the newest', () => {
    const remark = 'з'.repeat(1_000)
    const records = Array.from({ length: 40 }, (_, i) => ({ ...record, at: `2026-03-05T10:00:${String(i).padStart(2, '0')}.000Z`, remark }))
    const text = appendStatusLog(records.slice(0, 39), records[39]!)
    expect(utf8Length(text)).toBeLessThanOrEqual(60_000)
    expect(utf8Length('zз€🏠')).toBe(1 + 2 + 3 + 4)
    const kept = readStatusLog(text)
    expect(kept.ok && kept.records.at(-1)?.at).toBe(records[39]!.at)
    expect(kept.ok && kept.records.length).toBeLessThan(40)
  })
})
