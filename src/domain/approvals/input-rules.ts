import type { TripRequestInput } from './trip-machine'

/*
 * What a person may type into the approvals before anything reaches the portal. Every limit
 * has a source:
 * - destination 255: the request's marker keeps it at 255 (marker.ts), and the task title
 *   «Согласование командировки: <куда>» must stay under the portal's TITLE limit
 *   (b24restdocs api-reference/tasks/tasks-task-get-fields.md: TITLE ≤ 460 characters,
 *   longer titles are cut off without warning);
 * - purpose 2 000 and a decision's comment or reason 4 000: what the record's marker holds
 *   (marker.ts); a longer text could not be written as a record at all (it used to fail
 *   silently) and a task description or a timeline comment of that size is already a letter,
 *   not a note;
 * - money: above zero, at most 10^12 with two decimals (the portal keeps amounts as
 *   decimals with two places, "1000000.00"), digits only (no `1e5`);
 * - dates: a request is filed for a trip from a month ago to a year ahead, 90 days at most;
 * - the contract file: office and PDF documents only (no programs), not empty, at most 2 MB:
 *   the tab keeps a write in the browser's storage until the portal has it, a file goes there
 *   as base64 (+33 %), and Chromium gives a site about 5 million characters of it.
 */
export const INPUT_LIMITS = {
  destination: 255,
  purpose: 2_000,
  decisionText: 4_000,
  amountMax: 1_000_000_000_000,
  pastDays: 30,
  aheadDays: 365,
  tripDays: 90,
  fileBytes: 2 * 1024 * 1024,
  fileName: 255,
  recordId: 2_147_483_647,
} as const

export const CONTRACT_FILE_TYPES = ['pdf', 'doc', 'docx', 'odt', 'rtf', 'txt'] as const

/** A refusal of one field: an i18n code and what the message names (a limit, a date). */
export interface FieldIssue {
  code: string
  params?: Record<string, string | number>
}

export type AmountCheck = { ok: true; amount: number } | { ok: false; issue: FieldIssue }

// Spaces people put between digit groups: space, NBSP, narrow NBSP, thin space.
const GROUPS = /[\s\u00a0\u202f\u2009]/g
const AMOUNT_TEXT = /^(\d+)(?:[.,](\d+))?$/

/** An amount typed by a person («45 000», «1234,5»): digits with one optional decimal separator. */
export function parseAmountText(text: string): AmountCheck {
  const compact = text.replace(GROUPS, '')
  if (compact === '') return { ok: false, issue: { code: 'required' } }
  const match = AMOUNT_TEXT.exec(compact)
  if (!match) return { ok: false, issue: { code: 'amount-format' } }
  if ((match[2] ?? '').length > 2) return { ok: false, issue: { code: 'amount-decimals' } }
  const amount = Number(`${match[1]}.${match[2] ?? '0'}`)
  if (!(amount > 0)) return { ok: false, issue: { code: 'positive-amount' } }
  if (amount > INPUT_LIMITS.amountMax) return { ok: false, issue: { code: 'amount-too-large', params: { max: '1 000 000 000 000' } } }
  return { ok: true, amount }
}

/** A text the portal keeps: required (not only spaces) when asked, and within its limit. */
export function checkText(text: string, max: number, required: boolean): FieldIssue | null {
  const trimmed = text.trim()
  if (required && trimmed === '') return { code: 'required' }
  if (trimmed.length > max) return { code: 'too-long', params: { max, length: trimmed.length } }
  return null
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

function dayNumber(iso: string): number | null {
  if (!ISO_DATE.test(iso)) return null
  const time = Date.parse(`${iso}T00:00:00Z`)
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== iso ? null : time / DAY_MS
}

function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** The dates a new request may name, around `today` (the user's calendar date, `YYYY-MM-DD`). */
export function tripDateWindow(today: string): { min: string; max: string } {
  const day = dayNumber(today) ?? Math.floor(Date.now() / DAY_MS)
  return { min: isoOfDay(day - INPUT_LIMITS.pastDays), max: isoOfDay(day + INPUT_LIMITS.aheadDays) }
}

function checkTripDates(dateFrom: string, dateTo: string, today: string): { dateFrom?: FieldIssue; dateTo?: FieldIssue } {
  const issues: { dateFrom?: FieldIssue; dateTo?: FieldIssue } = {}
  const window = tripDateWindow(today)
  const from = dayNumber(dateFrom)
  const to = dayNumber(dateTo)
  const outside = (day: number): FieldIssue | undefined => {
    if (day < dayNumber(window.min)!) return { code: 'date-too-early', params: { min: window.min } }
    if (day > dayNumber(window.max)!) return { code: 'date-too-late', params: { max: window.max } }
    return undefined
  }
  const fromIssue = from === null ? { code: 'invalid-date' } : outside(from)
  if (fromIssue) issues.dateFrom = fromIssue
  const toIssue =
    to === null
      ? { code: 'invalid-date' }
      : from !== null && to < from
        ? { code: 'before-start' }
        : from !== null && to - from + 1 > INPUT_LIMITS.tripDays
          ? { code: 'trip-too-long', params: { days: INPUT_LIMITS.tripDays } }
          : outside(to)
  if (toIssue) issues.dateTo = toIssue
  return issues
}

/** The trip form as typed (every field a string). */
export interface TripFormText {
  destination: string
  dateFrom: string
  dateTo: string
  purpose: string
  budget: string
  dealId: string
  companyId: string
}

export type TripFormField = keyof TripFormText
export type TripFormIssues = Partial<Record<TripFormField, FieldIssue>>

function checkRecordId(text: string): { id?: number; issue?: FieldIssue } {
  const trimmed = text.trim()
  if (trimmed === '') return {}
  const id = /^\d{1,10}$/.test(trimmed) ? Number(trimmed) : 0
  return id > 0 && id <= INPUT_LIMITS.recordId ? { id } : { issue: { code: 'invalid-id' } }
}

/**
 * The form → the request, or the refusal of each wrong field. The deal and the company are
 * only checked for form here; whether they exist and the user may read them is asked of the
 * portal next (`referenceIssues`).
 */
export function checkTripForm(form: TripFormText, today: string): { input: TripRequestInput | null; issues: TripFormIssues } {
  const issues: TripFormIssues = {}
  const destination = checkText(form.destination, INPUT_LIMITS.destination, true)
  if (destination) issues.destination = destination
  Object.assign(issues, checkTripDates(form.dateFrom.trim(), form.dateTo.trim(), today))
  const purpose = checkText(form.purpose, INPUT_LIMITS.purpose, true)
  if (purpose) issues.purpose = purpose
  const budget = parseAmountText(form.budget)
  if (!budget.ok) issues.budget = budget.issue
  const deal = checkRecordId(form.dealId)
  if (deal.issue) issues.dealId = deal.issue
  const company = checkRecordId(form.companyId)
  if (company.issue) issues.companyId = company.issue
  if (Object.keys(issues).length > 0 || !budget.ok) return { input: null, issues }
  const input: TripRequestInput = {
    destination: form.destination.trim(),
    dateFrom: form.dateFrom.trim(),
    dateTo: form.dateTo.trim(),
    purpose: form.purpose.trim(),
    budget: { amount: budget.amount, currency: 'RUB' },
  }
  if (deal.id) input.dealId = deal.id
  if (company.id) input.companyId = company.id
  return { input, issues }
}

/** What the portal answered when asked for the referenced deal and company (found = readable by the user). */
export function referenceIssues(input: Pick<TripRequestInput, 'dealId' | 'companyId'>, found: { deal: boolean; company: boolean }): TripFormIssues {
  const issues: TripFormIssues = {}
  if (input.dealId && !found.deal) issues.dealId = { code: 'deal-not-found', params: { id: input.dealId } }
  if (input.companyId && !found.company) issues.companyId = { code: 'company-not-found', params: { id: input.companyId } }
  return issues
}

/** A file the user picked for «Проект договора». */
export function checkContractFile(file: { name: string; size: number }): FieldIssue | null {
  const name = file.name.trim()
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
  if (!(CONTRACT_FILE_TYPES as readonly string[]).includes(extension)) {
    return { code: 'file-type', params: { types: CONTRACT_FILE_TYPES.join(', ') } }
  }
  if (name.length > INPUT_LIMITS.fileName) return { code: 'file-name-too-long', params: { max: INPUT_LIMITS.fileName } }
  if (file.size <= 0) return { code: 'file-empty' }
  if (file.size > INPUT_LIMITS.fileBytes) return { code: 'file-too-large', params: { mb: INPUT_LIMITS.fileBytes / 1024 / 1024 } }
  return null
}
