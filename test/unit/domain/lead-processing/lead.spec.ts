// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { lookupMessage } from '@/domain/client-profile'
import {
  LEAD_RESULTS,
  LEAD_STATUSES,
  bitrixLeadStatusId,
  defaultTransitionInput,
  initialLeadProcessing,
  leadMessages,
  leadRecipientsSchema,
  nextLeadStatus,
  planConversion,
  planLeadTransition,
  planNewLeadNotification,
  isPlausibleEmail,
  LEAD_TEXT_MAX,
  TIMELINE_COMMENT_MAX,
  type LeadData,
  type LeadProcessing,
} from '@/domain/lead-processing'
import { defaultObjectsDirectory } from '@/domain/sale'

const reported = new Set<string>()
const today = new Date(2026, 4, 7, 9, 0)

function errorsOf(result: ReturnType<typeof planLeadTransition>) {
  if (result.ok || result.reason !== 'invalid-input') throw new Error('expected invalid input')
  Object.values(result.errors).forEach((key) => reported.add(key))
  return result.errors
}

const needs: LeadProcessing = { ...initialLeadProcessing(), status: 'NEEDS', firstResult: 'Нужен склад', firstDate: '2026-05-06' }
const processed = (result: 'CONVERT' | 'INACTIVE'): LeadProcessing => ({ ...needs, status: 'PROCESSED', outcome: 'Подходит', outcomeDate: '2026-05-07', result })

describe('lead statuses (L1)', () => {
  it('lists statuses and results in order', () => {
    expect(LEAD_STATUSES.map((status) => status.label.ru)).toEqual(['Формирование запроса', 'Новый', 'Выяснение потребности', 'Обработан'])
    expect(LEAD_RESULTS.map((result) => result.label.ru)).toEqual(['Не активен', 'Преобразовать в клиента'])
    expect(nextLeadStatus('REQUEST')).toBe('NEW')
    expect(nextLeadStatus('NEEDS')).toBe('PROCESSED')
    expect(nextLeadStatus('PROCESSED')).toBeNull()
  })

  // Stage ids: api-reference/crm/status/crm-status-list.md (b24restdocs), ENTITY_ID "STATUS".
  it('maps to the portal’s lead stages', () => {
    expect(bitrixLeadStatusId('REQUEST', null)).toBe('NEW')
    expect(bitrixLeadStatusId('REQUEST', null, ['NEW', 'UC_REQUEST', 'IN_PROCESS'])).toBe('UC_REQUEST')
    expect(bitrixLeadStatusId('NEW', null)).toBe('NEW')
    expect(bitrixLeadStatusId('NEEDS', null)).toBe('IN_PROCESS')
    expect(bitrixLeadStatusId('PROCESSED', 'CONVERT')).toBe('CONVERTED')
    expect(bitrixLeadStatusId('PROCESSED', 'INACTIVE')).toBe('JUNK')
    expect(bitrixLeadStatusId('PROCESSED', null)).toBe('PROCESSED')
  })
})

describe('lead transitions (L2)', () => {
  it('moves a request to Новый without questions', () => {
    expect(planLeadTransition(initialLeadProcessing('REQUEST'), 'NEW')).toEqual({ ok: true, next: initialLeadProcessing('NEW') })
  })

  it('needs the first-processing result and date for Выяснение потребности, today by default', () => {
    const lead = initialLeadProcessing()
    const input = defaultTransitionInput(lead, 'NEEDS', today)
    expect(input).toEqual({ firstResult: '', firstDate: '2026-05-07' })
    expect(errorsOf(planLeadTransition(lead, 'NEEDS', input, today))).toEqual({ firstResult: 'kosLead.firstResultRequired' })
    expect(errorsOf(planLeadTransition(lead, 'NEEDS', { firstResult: 'x', firstDate: '' }, today))).toEqual({ firstDate: 'kosLead.dateRequired' })
    expect(errorsOf(planLeadTransition(lead, 'NEEDS', { firstResult: 'x' }, today))).toEqual({ firstDate: 'kosLead.dateRequired' })
    expect(errorsOf(planLeadTransition(lead, 'NEEDS', { firstResult: 'x', firstDate: '07.05.2026' }, today))).toEqual({ firstDate: 'kosLead.dateInvalid' })
    expect(planLeadTransition(lead, 'NEEDS', { firstResult: '  Нужен склад ', firstDate: '2026-05-06' }, today)).toEqual({ ok: true, next: needs })
  })

  it('needs the outcome, a date and the result for Обработан', () => {
    expect(defaultTransitionInput(needs, 'PROCESSED', today)).toEqual({ outcome: '', outcomeDate: '2026-05-07', result: null })
    expect(errorsOf(planLeadTransition(needs, 'PROCESSED', { outcome: ' ', outcomeDate: '2026-05-07', result: null }, today))).toEqual({
      outcome: 'kosLead.outcomeRequired',
      result: 'kosLead.resultRequired',
    })
    expect(errorsOf(planLeadTransition(needs, 'PROCESSED', { outcome: 'Подходит', outcomeDate: null, result: 'CONVERT' }, today))).toEqual({
      outcomeDate: 'kosLead.dateRequired',
    })
    expect(planLeadTransition(needs, 'PROCESSED', { outcome: 'Подходит', outcomeDate: '2026-05-07', result: 'CONVERT' }, today)).toEqual({
      ok: true,
      next: processed('CONVERT'),
    })
  })

  it('keeps an earlier date when the dialog reopens', () => {
    expect(defaultTransitionInput({ ...initialLeadProcessing(), firstDate: '2026-01-01' }, 'NEEDS', today).firstDate).toBe('2026-01-01')
    expect(defaultTransitionInput(initialLeadProcessing('REQUEST'), 'NEW', today)).toEqual({})
  })

  it('refuses moves that skip, go back, repeat or leave Обработан', () => {
    const reason = (result: ReturnType<typeof planLeadTransition>) => (result.ok ? 'accepted' : result.reason)
    expect(reason(planLeadTransition(initialLeadProcessing(), 'PROCESSED', { outcome: 'x', outcomeDate: '2026-05-07', result: 'CONVERT' }, today))).toBe('skips-step')
    expect(reason(planLeadTransition(initialLeadProcessing('REQUEST'), 'NEEDS', { firstResult: 'x', firstDate: '2026-05-07' }, today))).toBe('skips-step')
    expect(reason(planLeadTransition(needs, 'NEW'))).toBe('backward')
    expect(reason(planLeadTransition(needs, 'NEEDS'))).toBe('same-status')
    expect(reason(planLeadTransition(processed('INACTIVE'), 'NEW'))).toBe('final-status')
    expect(reason(planLeadTransition(needs, 'LOST' as never))).toBe('unknown-status')
  })
})

describe('bad input never reaches the portal (issue 12)', () => {
  it('refuses a first-processing result or an outcome longer than the cap, and whitespace only', () => {
    const lead = initialLeadProcessing()
    const long = 'я'.repeat(LEAD_TEXT_MAX + 1)
    expect(errorsOf(planLeadTransition(lead, 'NEEDS', { firstResult: long, firstDate: '2026-05-06' }, today))).toEqual({ firstResult: 'kosLead.textTooLong' })
    expect(errorsOf(planLeadTransition(lead, 'NEEDS', { firstResult: ' \n\t ', firstDate: '2026-05-06' }, today))).toEqual({ firstResult: 'kosLead.firstResultRequired' })
    expect(planLeadTransition(lead, 'NEEDS', { firstResult: 'я'.repeat(LEAD_TEXT_MAX), firstDate: '2026-05-06' }, today).ok).toBe(true)
    expect(errorsOf(planLeadTransition(needs, 'PROCESSED', { outcome: long, outcomeDate: '2026-05-07', result: 'CONVERT' }, today))).toEqual({ outcome: 'kosLead.textTooLong' })
  })

  it('takes a processing date from a year back up to today, and says why otherwise (no silent clamp)', () => {
    const lead = initialLeadProcessing()
    const first = (firstDate: string) => planLeadTransition(lead, 'NEEDS', { firstResult: 'x', firstDate }, today)
    expect(errorsOf(first('2999-01-01'))).toEqual({ firstDate: 'kosLead.dateInFuture' })
    expect(errorsOf(first('2026-05-08'))).toEqual({ firstDate: 'kosLead.dateInFuture' })
    expect(first('2026-05-07').ok).toBe(true)
    expect(first('2025-05-07').ok).toBe(true)
    expect(errorsOf(first('2025-05-06'))).toEqual({ firstDate: 'kosLead.dateTooOld' })
    expect(errorsOf(first('2019-03-01'))).toEqual({ firstDate: 'kosLead.dateTooOld' })
    expect(errorsOf(planLeadTransition(needs, 'PROCESSED', { outcome: 'x', outcomeDate: '2027-01-01', result: 'INACTIVE' }, today))).toEqual({ outcomeDate: 'kosLead.dateInFuture' })
  })

  it('never sends an address the portal refuses: it stays in the history instead', () => {
    const result = planConversion({ ...lead, emails: ['anna@ekor.ru', 'anna@', 'bad address@ekor.ru'] }, processed('CONVERT'), today)
    if (!result.ok) throw new Error('expected a plan')
    expect(result.plan.company.emails).toEqual(['anna@ekor.ru'])
    expect(result.plan.contact?.emails).toEqual(['anna@ekor.ru'])
    expect(result.plan.historyEvent.comment).toContain('E-mail не перенесён (неверный адрес): anna@, bad address@ekor.ru')
    expect(isPlausibleEmail('иван@почта.рф')).toBe(false)
    expect(isPlausibleEmail('ivan@почта.рф')).toBe(true)
  })

  it('keeps the first history event within the comment cap, cutting only the form’s comments', () => {
    const result = planConversion({ ...lead, comments: 'ж'.repeat(50_000) }, processed('CONVERT'), today)
    if (!result.ok) throw new Error('expected a plan')
    expect(result.plan.historyEvent.comment.length).toBeLessThanOrEqual(TIMELINE_COMMENT_MAX)
    expect(result.plan.historyEvent.comment).toMatch(/^Лид №41 преобразован в клиента\./)
    expect(result.plan.historyEvent.comment.endsWith('…(сокращено)')).toBe(true)
  })
})

const lead: LeadData = {
  id: 41,
  title: 'Заявка с сайта',
  companyTitle: ' ООО «Экор» ',
  name: 'Анна',
  lastName: 'Смирнова',
  secondName: '',
  phones: ['+7 495 000-00-01', ' +7 495 000-00-01 ', ''],
  emails: ['anna@ekor.ru', 'ANNA@ekor.ru'],
  objectType: 'LOW_TEMP_COMPLEX',
  comments: 'Нужно 300 м² заморозки',
  assignedById: 5,
}

describe('conversion plan «Преобразовать в клиента» (L4)', () => {
  it('creates the company with status Новый and the web-form source, and the contact', () => {
    const result = planConversion(lead, processed('CONVERT'), today)
    expect(result).toEqual({
      ok: true,
      plan: {
        company: {
          title: 'ООО «Экор»',
          phones: ['+7 495 000-00-01'],
          emails: ['anna@ekor.ru'],
          status: { level: 'NEW', subStatus: null, inactive: false },
          source: { kind: 'WEB_FORM' },
          dateAdded: '2026-05-07',
          leadId: 41,
          assignedById: 5,
          showContacts: true,
        },
        contact: { name: 'Анна', lastName: 'Смирнова', secondName: '', phones: ['+7 495 000-00-01'], emails: ['anna@ekor.ru'] },
        historyEvent: {
          type: 'LEAD_OR_CARD',
          comment: 'Лид №41 преобразован в клиента.\nРезультат первичной обработки: Нужен склад\nИтог: Подходит\nДополнительные данные: Нужно 300 м² заморозки',
          date: '2026-05-07',
          files: [],
        },
      },
    })
  })

  it('falls back to the lead title, then the person, for the company name; no person, no contact', () => {
    const noCompany = planConversion({ ...lead, companyTitle: ' ' }, processed('CONVERT'), today)
    expect(noCompany.ok && noCompany.plan.company.title).toBe('Заявка с сайта')
    const onlyPerson = planConversion({ ...lead, companyTitle: '', title: '' }, processed('CONVERT'), today)
    expect(onlyPerson.ok && onlyPerson.plan.company.title).toBe('Смирнова Анна')
    const noPerson = planConversion({ ...lead, name: '', lastName: '', secondName: 'Петровна' }, processed('CONVERT'), today)
    expect(noPerson.ok && noPerson.plan.contact).toBeNull()
    expect(noPerson.ok && noPerson.plan.company.showContacts).toBe(false)
  })

  it('refuses unless the lead is processed with the result «Преобразовать в клиента» and has a name', () => {
    expect(planConversion(lead, needs, today)).toEqual({ ok: false, reason: 'not-processed' })
    expect(planConversion(lead, processed('INACTIVE'), today)).toEqual({ ok: false, reason: 'result-not-convert' })
    expect(planConversion({ ...lead, companyTitle: '', title: '', name: '', lastName: '' }, processed('CONVERT'), today)).toEqual({
      ok: false,
      reason: 'no-company-name',
    })
  })
})

describe('new-lead notification plan (L3)', () => {
  const directory = defaultObjectsDirectory()
  const config = { version: 1 as const, byObjectType: { LOW_TEMP_COMPLEX: [11, 12, 11], PHARMACY: [21], CUSTOMS: [31] } }
  const heads = { WAREHOUSE: 10, INFRASTRUCTURE: 20 }

  it('sends to the object type’s managers with the department head in copy', () => {
    const result = planNewLeadNotification(lead, config, directory, heads)
    expect(result).toEqual({
      ok: true,
      plan: {
        to: [11, 12],
        cc: [10],
        subject: 'Сформирован новый «лид»',
        body: [
          'В базе данных CRM сформирован новый «лид» со следующими параметрами:',
          'Имя – Анна Смирнова',
          'Компания – ООО «Экор»',
          'Телефон – +7 495 000-00-01',
          'Почта – anna@ekor.ru',
          'Тип объекта – Низкотемпературный производственно - складской комплекс',
          'Дополнительные данные – Нужно 300 м² заморозки',
        ].join('\n'),
        tag: 'KOS_NEW_LEAD_41',
      },
    })
  })

  it('does not copy a head who is already a recipient, and copies nobody without a head', () => {
    const headIsManager = planNewLeadNotification({ ...lead, objectType: 'PHARMACY' }, config, directory, { INFRASTRUCTURE: 21 })
    expect(headIsManager.ok && [headIsManager.plan.to, headIsManager.plan.cc]).toEqual([[21], []])
    const noHead = planNewLeadNotification({ ...lead, objectType: 'CUSTOMS' }, config, directory, heads)
    expect(noHead.ok && [noHead.plan.to, noHead.plan.cc]).toEqual([[31], []])
  })

  it('falls back to the head when nobody is configured, and refuses when nobody at all', () => {
    const fallback = planNewLeadNotification({ ...lead, objectType: 'CAR_WASH' }, config, directory, heads)
    expect(fallback.ok && [fallback.plan.to, fallback.plan.cc]).toEqual([[20], []])
    expect(planNewLeadNotification({ ...lead, objectType: 'CAR_WASH' }, config, directory, {})).toEqual({ ok: false, reason: 'no-recipients' })
    expect(planNewLeadNotification({ ...lead, objectType: null }, config, directory, heads)).toEqual({ ok: false, reason: 'no-object-type' })
    expect(planNewLeadNotification({ ...lead, objectType: 'MOON' }, config, directory, heads)).toEqual({ ok: false, reason: 'unknown-object-type' })
  })

  it('writes dashes for empty fields', () => {
    const result = planNewLeadNotification({ ...lead, companyTitle: '', phones: [], comments: '' }, config, directory, heads)
    expect(result.ok && result.plan.body.split('\n').slice(2)).toEqual([
      'Компания – —',
      'Телефон – —',
      'Почта – anna@ekor.ru',
      'Тип объекта – Низкотемпературный производственно - складской комплекс',
      'Дополнительные данные – —',
    ])
  })

  it('validates the admin’s recipients map', () => {
    expect(leadRecipientsSchema.safeParse(config).success).toBe(true)
    const bad = leadRecipientsSchema.safeParse({ version: 1, byObjectType: { CUSTOMS: [0] } })
    expect(bad.success ? [] : bad.error.issues.map((issue) => issue.message)).toEqual(['kosLead.recipientsInvalid'])
    const notList = leadRecipientsSchema.safeParse({ version: 1, byObjectType: { CUSTOMS: 'Иванов' } })
    expect(notList.success ? [] : notList.error.issues.map((issue) => issue.message)).toEqual(['kosLead.recipientsInvalid'])
    reported.add('kosLead.recipientsInvalid')
  })
})

describe('lead message texts', () => {
  it('has both languages for every key, and every key is reported by some path', () => {
    const keys = Object.keys(leadMessages.ru.kosLead).sort()
    expect(Object.keys(leadMessages.en.kosLead).sort()).toEqual(keys)
    for (const key of reported) {
      expect(lookupMessage(leadMessages.ru, key), key).toBeTruthy()
      expect(lookupMessage(leadMessages.en, key), key).toBeTruthy()
    }
    expect([...reported].sort()).toEqual(keys.map((key) => `kosLead.${key}`).sort())
  })
})
