import type { CardSource } from '../client-profile/card-source'
import { localIsoDate, type HistoryEvent } from '../client-profile/history'
import { INITIAL_CLIENT_STATUS, type ClientStatus } from '../client-profile/status-transitions'
import { cleanValues, type LeadData } from './lead-data'
import { TIMELINE_COMMENT_MAX, type LeadProcessing } from './transitions'

/*
 * «Преобразовать в клиента» (L4): from the lead's data, what to create. The company
 * card starts at client status «Новый», its source is the web form (fixed), its date
 * added is the conversion date; a contact is created when the lead names a person;
 * the first history event records the lead processing.
 */

export interface ConversionPlan {
  company: {
    title: string
    phones: string[]
    emails: string[]
    status: ClientStatus
    source: CardSource
    /** `YYYY-MM-DD`. */
    dateAdded: string
    leadId: number
    assignedById: number | null
    /** The ФИО block is ticked when a contact person comes along. */
    showContacts: boolean
  }
  contact: { name: string; lastName: string; secondName: string; phones: string[]; emails: string[] } | null
  historyEvent: HistoryEvent
}

export type ConversionRefusal = 'not-processed' | 'result-not-convert' | 'no-company-name'

export type ConversionResult = { ok: true; plan: ConversionPlan } | { ok: false; reason: ConversionRefusal }

export function planConversion(lead: LeadData, processing: LeadProcessing, today: Date): ConversionResult {
  if (processing.status !== 'PROCESSED') return { ok: false, reason: 'not-processed' }
  if (processing.result !== 'CONVERT') return { ok: false, reason: 'result-not-convert' }

  const person = { name: lead.name.trim(), lastName: lead.lastName.trim(), secondName: lead.secondName.trim() }
  const personName = [person.lastName, person.name, person.secondName].filter(Boolean).join(' ')
  const title = lead.companyTitle.trim() || lead.title.trim() || personName
  if (title === '') return { ok: false, reason: 'no-company-name' }

  const phones = cleanValues(lead.phones)
  // The portal refuses a company or contact with an invalid e-mail: such an address is only noted in the history.
  const allEmails = cleanValues(lead.emails)
  const emails = allEmails.filter(isPlausibleEmail)
  const badEmails = allEmails.filter((email) => !isPlausibleEmail(email))
  const hasPerson = person.name !== '' || person.lastName !== ''
  const dateAdded = localIsoDate(today)

  const head = [
    `Лид №${lead.id} преобразован в клиента.`,
    processing.firstResult && `Результат первичной обработки: ${processing.firstResult}`,
    processing.outcome && `Итог: ${processing.outcome}`,
    badEmails.length > 0 && `E-mail не перенесён (неверный адрес): ${badEmails.join(', ')}`,
  ]
    .filter(Boolean)
    .join('\n')
  const comment = withFormComments(head, lead.comments.trim())

  return {
    ok: true,
    plan: {
      company: {
        title,
        phones,
        emails,
        status: { ...INITIAL_CLIENT_STATUS },
        source: { kind: 'WEB_FORM' },
        dateAdded,
        leadId: lead.id,
        assignedById: lead.assignedById,
        showContacts: hasPerson,
      },
      contact: hasPerson ? { ...person, phones, emails } : null,
      historyEvent: { type: 'LEAD_OR_CARD', comment, date: dateAdded, files: [] },
    },
  }
}

/**
 * An address the portal takes (dot-atom local part, a domain of two or more labels ending in
 * two or more letters); anything else would make crm.company.add / crm.contact.add fail.
 */
export function isPlausibleEmail(value: string): boolean {
  return value.length <= 254 && /^[A-Za-z0-9=_+~'!$&*^`|#%/?{}-]+(?:\.[A-Za-z0-9=_+~'!$&*^`|#%/?{}-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u.test(value)
}

const CUT_MARK = ' …(сокращено)'

/** The form's «Дополнительные данные» after the head, cut so the whole comment stays within TIMELINE_COMMENT_MAX. */
function withFormComments(head: string, formComments: string): string {
  if (formComments === '') return head.slice(0, TIMELINE_COMMENT_MAX)
  const prefix = `${head}\nДополнительные данные: `
  const room = TIMELINE_COMMENT_MAX - prefix.length
  if (room <= CUT_MARK.length) return head.slice(0, TIMELINE_COMMENT_MAX)
  return prefix + (formComments.length <= room ? formComments : formComments.slice(0, room - CUT_MARK.length) + CUT_MARK)
}
