import { z } from 'zod/mini'
import { localIsoDate } from '../client-profile/history'
import { toFieldErrors, type FieldErrors } from '../client-profile/validation-result'
import { leadMessage } from './messages'
import { LEAD_STATUSES, type LeadResultCode, type LeadStatusCode } from './statuses'

/*
 * The lead status machine (L1, L2): one step forward at a time, and each step asks for
 * exactly what the seed lists. Формирование запроса → Новый needs nothing (the web form
 * is sent); Новый → Выяснение потребности needs «Результат первичной обработки» and a
 * processing date; Выяснение потребности → Обработан needs «Итог», a date and the result.
 * «Обработан» is final.
 */

export interface LeadProcessing {
  status: LeadStatusCode
  firstResult: string
  firstDate: string | null
  outcome: string
  outcomeDate: string | null
  result: LeadResultCode | null
}

export function initialLeadProcessing(status: LeadStatusCode = 'NEW'): LeadProcessing {
  return { status, firstResult: '', firstDate: null, outcome: '', outcomeDate: null, result: null }
}

/** What the transition dialog shows; dates default to today, editable. */
export interface TransitionInput {
  firstResult?: string
  firstDate?: string | null
  outcome?: string
  outcomeDate?: string | null
  result?: LeadResultCode | null
}

export type LeadTransitionRefusal = 'same-status' | 'final-status' | 'backward' | 'skips-step' | 'unknown-status'

export type LeadTransitionResult =
  | { ok: true; next: LeadProcessing }
  | { ok: false; reason: LeadTransitionRefusal }
  | { ok: false; reason: 'invalid-input'; errors: FieldErrors }

const order = (status: string) => LEAD_STATUSES.findIndex((entry) => entry.code === status)

/**
 * «Результат первичной обработки» and «Итог» are string user fields of the lead (no MAX_LENGTH
 * set by the install, so the portal keeps up to its text column, 64 KB). Each one is also copied
 * into the lead's timeline comment of the step and, both together with the form's comments, into
 * the first history event of the converted client, whose comment the app caps at
 * TIMELINE_COMMENT_MAX: 4 000 characters each keeps that comment whole and a note readable.
 */
export const LEAD_TEXT_MAX = 4_000

/**
 * A timeline comment the app writes (step comments, the first history event): the portal stores
 * it in a text column (64 KB, about 32 000 Cyrillic characters in UTF-8) and shows it whole in the
 * card; 10 000 characters leave room for the idempotency tag and stay readable.
 */
export const TIMELINE_COMMENT_MAX = 10_000

/** How far back a processing date may be: a year (older work is not «processing» of a live lead). */
export const PROCESSING_DATE_DAYS_BACK = 365

const text = (name: Parameters<typeof leadMessage>[0]) =>
  z
    .pipe(
      z.string({ error: leadMessage(name) }),
      z.transform((value) => value.trim()),
    )
    .check(
      z.refine((value) => value !== '', leadMessage(name)),
      z.refine((value) => value.length <= LEAD_TEXT_MAX, leadMessage('textTooLong')),
    )

const isoDay = (moment: Date) => localIsoDate(moment)

/** A processing date: required, `YYYY-MM-DD`, not after today and not more than a year back (said, never clamped). */
function processingDate(today: Date) {
  const latest = isoDay(today)
  const earliest = isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - PROCESSING_DATE_DAYS_BACK))
  return z
    .pipe(
      z.string({ error: leadMessage('dateRequired') }).check(z.refine((value) => value.trim() !== '', leadMessage('dateRequired'))),
      z.iso.date({ error: leadMessage('dateInvalid') }),
    )
    .check(
      z.refine((value) => value <= latest, leadMessage('dateInFuture')),
      z.refine((value) => value >= earliest, leadMessage('dateTooOld')),
    )
}

export const toNeedsSchema = (today: Date) => z.object({ firstResult: text('firstResultRequired'), firstDate: processingDate(today) })
export const toProcessedSchema = (today: Date) =>
  z.object({
    outcome: text('outcomeRequired'),
    outcomeDate: processingDate(today),
    result: z.enum(['INACTIVE', 'CONVERT'], { error: leadMessage('resultRequired') }),
  })

/** The statuses the tab offers next: only the following one. */
export function nextLeadStatus(status: LeadStatusCode): LeadStatusCode | null {
  return LEAD_STATUSES[order(status) + 1]?.code ?? null
}

/** The dialog's starting values: today's date where a date is asked. */
export function defaultTransitionInput(lead: LeadProcessing, to: LeadStatusCode, today: Date): TransitionInput {
  if (to === 'NEEDS') return { firstResult: lead.firstResult, firstDate: lead.firstDate ?? localIsoDate(today) }
  if (to === 'PROCESSED') return { outcome: lead.outcome, outcomeDate: lead.outcomeDate ?? localIsoDate(today), result: lead.result }
  return {}
}

/** The next processing state, or why not; `today` bounds the processing date. */
export function planLeadTransition(lead: LeadProcessing, to: LeadStatusCode, input: TransitionInput = {}, today: Date = new Date()): LeadTransitionResult {
  const from = order(lead.status)
  const target = order(to)
  if (target === -1 || from === -1) return { ok: false, reason: 'unknown-status' }
  if (target === from) return { ok: false, reason: 'same-status' }
  if (lead.status === 'PROCESSED') return { ok: false, reason: 'final-status' }
  if (target < from) return { ok: false, reason: 'backward' }
  if (target > from + 1) return { ok: false, reason: 'skips-step' }

  if (to === 'NEEDS') {
    const parsed = toNeedsSchema(today).safeParse(input)
    if (!parsed.success) return { ok: false, reason: 'invalid-input', errors: toFieldErrors(parsed.error) }
    return { ok: true, next: { ...lead, status: to, ...parsed.data } }
  }
  if (to === 'PROCESSED') {
    const parsed = toProcessedSchema(today).safeParse(input)
    if (!parsed.success) return { ok: false, reason: 'invalid-input', errors: toFieldErrors(parsed.error) }
    return { ok: true, next: { ...lead, status: to, ...parsed.data } }
  }
  return { ok: true, next: { ...lead, status: to } }
}
