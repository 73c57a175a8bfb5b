import type { LocalizedText } from '../fields/types'

/** Lead statuses of L1, in their order. */
export type LeadStatusCode = 'REQUEST' | 'NEW' | 'NEEDS' | 'PROCESSED'

export const LEAD_STATUSES: readonly { code: LeadStatusCode; label: LocalizedText }[] = [
  { code: 'REQUEST', label: { ru: 'Формирование запроса', en: 'Request being formed' } },
  { code: 'NEW', label: { ru: 'Новый', en: 'New' } },
  { code: 'NEEDS', label: { ru: 'Выяснение потребности', en: 'Clarifying the need' } },
  { code: 'PROCESSED', label: { ru: 'Обработан', en: 'Processed' } },
]

/** «Префикс итоговой обработки»: the result of a processed lead. */
export type LeadResultCode = 'INACTIVE' | 'CONVERT'

export const LEAD_RESULTS: readonly { code: LeadResultCode; label: LocalizedText }[] = [
  { code: 'INACTIVE', label: { ru: 'Не активен', en: 'Inactive' } },
  { code: 'CONVERT', label: { ru: 'Преобразовать в клиента', en: 'Convert to a client' } },
]

/** The custom lead stage a Kosino portal adds for «Формирование запроса» (the sandbox demo has it). */
export const REQUEST_STATUS_ID = 'UC_REQUEST'

/**
 * The portal's own lead stage (STATUS_ID of the «STATUS» list) that matches, so
 * Bitrix24's lead lists and reports agree with the tab. The defaults NEW, IN_PROCESS,
 * PROCESSED, CONVERTED (success) and JUNK (failure) exist on every portal;
 * «Формирование запроса» maps to UC_REQUEST where the portal has it, else to NEW.
 */
export function bitrixLeadStatusId(
  status: LeadStatusCode,
  result: LeadResultCode | null,
  portalStatusIds: readonly string[] = [],
): string {
  switch (status) {
    case 'REQUEST':
      return portalStatusIds.includes(REQUEST_STATUS_ID) ? REQUEST_STATUS_ID : 'NEW'
    case 'NEW':
      return 'NEW'
    case 'NEEDS':
      return 'IN_PROCESS'
    case 'PROCESSED':
      return result === 'CONVERT' ? 'CONVERTED' : result === 'INACTIVE' ? 'JUNK' : 'PROCESSED'
  }
}
