import { formatPortalDate, formatPortalDay } from './dates'
import type { DealRow } from './entities'

/**
 * A complete stored deal row for direct inserts (demo seed, generator): the same fields and
 * defaults `crm.deal.add` would store, without going through a request.
 */
export interface DealSpec {
  title: string
  categoryId: number
  stageId: string
  semantic: 'P' | 'S' | 'F'
  amount: number
  assignedBy: number
  createdBy: number
  created: Date
  companyId?: number | null
  contactIds?: number[]
  typeId?: string
  sourceId?: string
  comments?: string
  opened?: 'Y' | 'N'
  manualAmount?: boolean
  /** Last stage change; defaults to the creation time. */
  moved?: Date
}

const DAY = 86_400_000

export function dealRow(spec: DealSpec): Omit<DealRow, 'ID'> {
  const created = formatPortalDate(spec.created)
  const moved = spec.moved ? formatPortalDate(spec.moved) : created
  const contactIds = spec.contactIds ?? []
  return {
    TITLE: spec.title,
    TYPE_ID: spec.typeId ?? 'SALE',
    CATEGORY_ID: spec.categoryId,
    STAGE_ID: spec.stageId,
    STAGE_SEMANTIC_ID: spec.semantic,
    IS_NEW: spec.moved ? 'N' : 'Y',
    IS_RECURRING: 'N',
    IS_RETURN_CUSTOMER: 'N',
    IS_REPEATED_APPROACH: 'N',
    PROBABILITY: null,
    CURRENCY_ID: 'RUB',
    OPPORTUNITY: Math.round(spec.amount * 100) / 100,
    IS_MANUAL_OPPORTUNITY: spec.manualAmount ? 'Y' : 'N',
    TAX_VALUE: 0,
    COMPANY_ID: spec.companyId ?? null,
    CONTACT_ID: contactIds[0] ?? null,
    CONTACT_IDS: contactIds,
    BEGINDATE: formatPortalDay(spec.created),
    CLOSEDATE: formatPortalDay(spec.created.getTime() + 14 * DAY),
    OPENED: spec.opened ?? 'Y',
    CLOSED: spec.semantic === 'P' ? 'N' : 'Y',
    COMMENTS: spec.comments ?? null,
    SOURCE_ID: spec.sourceId ?? null,
    ASSIGNED_BY_ID: spec.assignedBy,
    CREATED_BY_ID: spec.createdBy,
    MODIFY_BY_ID: spec.createdBy,
    MOVED_BY_ID: spec.assignedBy,
    DATE_CREATE: created,
    DATE_MODIFY: moved,
    MOVED_TIME: moved,
  }
}
