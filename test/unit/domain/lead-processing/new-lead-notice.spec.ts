// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  awaitsAnnouncement,
  copyHeadOf,
  headOf,
  isLeadAnnounced,
  leadHandover,
  leadStatusFromPortal,
  newLeadNoticePlan,
  newLeadNoticePlanId,
  objectTypeFromText,
  planLeadAnnouncement,
  type AnnouncementInput,
  type LeadData,
} from '@/domain/lead-processing'
import { defaultObjectsDirectory } from '@/domain/sale'
import { stepState } from '@/domain/write-plan'

// The notice the runner sends for a new web-form lead (L3, L5). Shapes: b24restdocs
// api-reference/chats/notifications/im-notify-system-add.md (TAG, MESSAGE_OUT),
// crm/timeline/comments/crm-timeline-comment-add.md, departments/department-get.md (UF_HEAD, PARENT).

const lead: LeadData = {
  id: 41,
  title: 'Форма обратной связи: ООО «Аптека у парка»',
  companyTitle: 'ООО «Аптека у парка»',
  name: 'Светлана',
  lastName: 'Аптекарева',
  secondName: '',
  phones: ['+7 916 222-33-44'],
  emails: ['sveta@apteka-park.ru'],
  objectType: 'PHARMACY',
  comments: 'Нужно помещение 40 м²',
  assignedById: 2,
}

// Company (head 1) ⊃ sales (head 2) with managers 3 and 4.
const people = [
  { id: 2, departments: [2] },
  { id: 3, departments: [2] },
  { id: 4, departments: [2] },
]
const departments = [
  { id: 1, parent: null, head: 1 },
  { id: 2, parent: 1, head: 2 },
]
const input = (patch: Partial<AnnouncementInput> = {}): AnnouncementInput => ({
  lead,
  recipients: { version: 1, byObjectType: { PHARMACY: [3, 4] } },
  directory: defaultObjectsDirectory(),
  people,
  departments,
  ...patch,
})

describe('reading a lead for the notice', () => {
  it('takes the processing status from the portal’s stage when the tab wrote none', () => {
    expect(leadStatusFromPortal('UC_REQUEST')).toBe('REQUEST')
    expect(leadStatusFromPortal('NEW')).toBe('NEW')
    expect(leadStatusFromPortal('IN_PROCESS')).toBe('NEEDS')
    expect(leadStatusFromPortal('JUNK')).toBe('PROCESSED')
  })

  it('finds an older form’s object type by its name in the text, spaces around dashes ignored', () => {
    const directory = defaultObjectsDirectory()
    expect(objectTypeFromText('Нужно 40 м²\nТип объекта: аптека', directory)).toBe('PHARMACY')
    expect(objectTypeFromText('Тип объекта: Низкотемпературный производственно-складской комплекс', directory)).toBe('LOW_TEMP_COMPLEX')
    expect(objectTypeFromText('Тип объекта: Луна', directory)).toBeNull()
    expect(objectTypeFromText('без типа', directory)).toBeNull()
  })

  it('finds the head of a recipient’s department, walking up when the recipient heads it', () => {
    expect(headOf(3, people, departments)).toBe(2)
    expect(headOf(2, people, departments)).toBe(1)
    expect(headOf(99, people, departments)).toBeNull()
  })

  it('names the head in copy from the first recipient, none when nobody is set or the head is a recipient', () => {
    expect(copyHeadOf([3, 4], people, departments)).toBe(2)
    expect(copyHeadOf([4, 3], people, departments)).toBe(2)
    expect(copyHeadOf([2, 3], people, departments)).toBe(1)
    expect(copyHeadOf([3, 2], people, departments)).toBeNull()
    expect(copyHeadOf([], people, departments)).toBeNull()
    expect(copyHeadOf([99], people, departments)).toBeNull()
  })
})

describe('whether a lead is announced and awaits it', () => {
  it('is announced when its timeline holds the notice’s marker, and only its own', () => {
    expect(isLeadAnnounced(41, ['Клиент ждёт звонка', 'Уведомление о новом лиде отправлено: М\n[b24app:KOS_NEW_LEAD_41]'])).toBe(true)
    expect(isLeadAnnounced(4, ['Уведомление о новом лиде отправлено: М\n[b24app:KOS_NEW_LEAD_41]'])).toBe(false)
    expect(isLeadAnnounced(41, ['Уведомление о новом лиде отправлено: М'])).toBe(false)
    expect(isLeadAnnounced(41, [])).toBe(false)
  })

  it('awaits it only from the web form, not announced, before it is taken into work', () => {
    expect(awaitsAnnouncement({ sourceId: 'WEBFORM', status: 'REQUEST', announced: false })).toBe(true)
    expect(awaitsAnnouncement({ sourceId: 'WEBFORM', status: 'NEW', announced: false })).toBe(true)
    expect(awaitsAnnouncement({ sourceId: 'WEBFORM', status: 'NEW', announced: true })).toBe(false)
    expect(awaitsAnnouncement({ sourceId: 'WEBFORM', status: 'NEEDS', announced: false })).toBe(false)
    expect(awaitsAnnouncement({ sourceId: 'CALL', status: 'REQUEST', announced: false })).toBe(false)
  })
})

describe('who is told', () => {
  it('tells the object type’s recipients, the head of the first one’s department in copy', () => {
    const planned = planLeadAnnouncement(input())
    expect(planned).toMatchObject({ ok: true, plan: { to: [3, 4], cc: [2], tag: 'KOS_NEW_LEAD_41' } })
  })

  it('copies the head above when the first recipient heads the department himself', () => {
    expect(planLeadAnnouncement(input({ recipients: { version: 1, byObjectType: { PHARMACY: [2, 3] } } }))).toMatchObject({ ok: true, plan: { to: [2, 3], cc: [1] } })
  })

  it('refuses when nobody is set for the type, or the lead has no type', () => {
    expect(planLeadAnnouncement(input({ recipients: { version: 1, byObjectType: {} } }))).toEqual({ ok: false, reason: 'no-recipients' })
    expect(planLeadAnnouncement(input({ lead: { ...lead, objectType: null } }))).toEqual({ ok: false, reason: 'no-object-type' })
  })
})

describe('the notice as a write plan', () => {
  const planned = planLeadAnnouncement(input())
  if (!planned.ok) throw new Error('expected a notice')
  const names: Record<number, string> = { 2: 'Ирина Морозова', 3: 'Павел Ковалёв', 4: 'Ольга Смирнова' }
  const plan = newLeadNoticePlan({ leadId: 41, notice: planned.plan, nameOf: (id) => names[id]!, now: new Date('2026-05-07T09:00:00Z') })

  it('is one plan per lead, on the lead', () => {
    expect(plan.id).toBe(newLeadNoticePlanId(41))
    expect(plan.scope).toBe('lead:41')
    expect(plan.steps.every((step) => stepState(plan, step.key).status === 'pending')).toBe(true)
  })

  it('notifies each person with a tag of his own (a resend replaces only his notice), also by e-mail', () => {
    const notices = plan.steps.filter((step) => step.method === 'im.notify.system.add')
    expect(notices.map((step) => [step.params.USER_ID, step.params.TAG])).toEqual([
      [3, 'KOS_NEW_LEAD_41:to:3'],
      [4, 'KOS_NEW_LEAD_41:to:4'],
      [2, 'KOS_NEW_LEAD_41:cc:2'],
    ])
    expect(notices.every((step) => step.kind === 'set' && step.key === step.params.TAG && step.params.MESSAGE_OUT === step.params.MESSAGE)).toBe(true)
    expect(String(notices[0]!.params.MESSAGE)).toMatch(/^Сформирован новый «лид»\nВ базе данных CRM сформирован новый «лид»/)
    expect(String(notices[0]!.params.MESSAGE)).toContain('Тип объекта – Аптека')
    expect(String(notices[2]!.params.MESSAGE).startsWith('(копия) Сформирован новый «лид»')).toBe(true)
  })

  it('leaves the marker on the lead last, naming who was told, found again by its tag', () => {
    const marker = plan.steps.at(-1)!
    expect(marker).toMatchObject({ method: 'crm.timeline.comment.add', kind: 'create', key: 'KOS_NEW_LEAD_41' })
    const comment = String((marker.params.fields as { COMMENT: string }).COMMENT)
    expect(comment).toBe('Уведомление о новом лиде отправлено: Павел Ковалёв, Ольга Смирнова; копия: Ирина Морозова\n[b24app:KOS_NEW_LEAD_41]')
    expect(isLeadAnnounced(41, [comment])).toBe(true)
    expect(marker.find).toMatchObject({ method: 'crm.timeline.comment.list', needle: '[b24app:KOS_NEW_LEAD_41]' })
  })

  it('goes to the object type’s first recipient unless one of them already has it (seed «Приложение 1»)', () => {
    expect(leadHandover(2, planned.plan)).toBe(3)
    expect(leadHandover(null, planned.plan)).toBe(3)
    expect(leadHandover(4, planned.plan)).toBeNull()
    expect(leadHandover(3, planned.plan)).toBeNull()
  })

  it('hands the lead over first, keyed, so the notice reaches its owner; no step when it is theirs already', () => {
    const handed = newLeadNoticePlan({ leadId: 41, notice: planned.plan, nameOf: (id) => names[id]!, now: new Date('2026-05-07T09:00:00Z'), handOverTo: 3 })
    expect(handed.steps[0]).toMatchObject({ method: 'crm.lead.update', kind: 'set', key: 'KOS_NEW_LEAD_41:assign', params: { id: 41, fields: { ASSIGNED_BY_ID: 3 } } })
    expect(handed.steps.slice(1).map((step) => step.key)).toEqual(plan.steps.map((step) => step.key))
    expect(plan.steps.some((step) => step.method === 'crm.lead.update')).toBe(false)
  })
})
