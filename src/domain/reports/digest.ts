import { formatDate, formatMonth, formatNumber, formatPercent, type FormatLocale } from '@/domain/format'
import { formatMoney, type MinorUnits } from '@/domain/money'
import { optionJson } from '@/domain/option-json'
import { debtAgeDays, receivableOf } from './debt'
import type { DepartmentTree } from './departments'
import { responsiblePredicate } from './filters'
import { addSum as add, type CurrencySums } from './meeting'
import { planFact, type SalesPlans } from './plan-fact'
import type { ReportDeal, ReportUser } from './types'

/*
 * The weekly digest to each head (issue 15): their department's week (sub-departments included)
 * against the week before, sent by the runner as a portal notification. Pure: the runner reads
 * the portal, this says what to write. Weeks run Monday 00:00 to Sunday 23:59:59.999 on the
 * portal's clock (its UTC offset as server.time writes it). Money is summed per currency, never
 * mixed; a deal counts for the department of its responsible's first department, as on the
 * report page (filters.ts).
 */

/** App option holding the digest's settings (JSON text, as the other settings). */
export const DIGEST_OPTION = 'weekly_digest'

export interface DigestSettings {
  enabled: boolean
  /** ISO weekday: 1 Monday … 7 Sunday */
  weekday: number
  /** 0…23, the portal's time */
  hour: number
}

export const DEFAULT_DIGEST_SETTINGS: DigestSettings = { enabled: true, weekday: 1, hour: 9 }

const isInt = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

/** The option as stored; unset or unreadable parts take the defaults (on, Monday 09:00). */
export function parseDigestSettings(raw: unknown): DigestSettings {
  const value = optionJson(raw)
  const stored = value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  return {
    enabled: typeof stored.enabled === 'boolean' ? stored.enabled : DEFAULT_DIGEST_SETTINGS.enabled,
    weekday: isInt(stored.weekday, 1, 7) ? stored.weekday : DEFAULT_DIGEST_SETTINGS.weekday,
    hour: isInt(stored.hour, 0, 23) ? stored.hour : DEFAULT_DIGEST_SETTINGS.hour,
  }
}

export function serializeDigestSettings(settings: DigestSettings): string {
  return JSON.stringify({ enabled: settings.enabled, weekday: settings.weekday, hour: settings.hour })
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WEEK = 7 * DAY

/** Minutes east of UTC of a portal date-time (`2026-12-07T09:00:00+03:00` → 180); 0 when it names none. */
export function portalOffsetMinutes(serverTime: string): number {
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(serverTime.trim())
  if (!zone) return 0
  return (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]))
}

/** Monday 00:00 on the portal's clock of the week holding `ms`. */
function mondayOf(ms: number, offsetMinutes: number): number {
  const local = ms + offsetMinutes * MINUTE
  const dayStart = local - (((local % DAY) + DAY) % DAY)
  const sinceMonday = (new Date(dayStart).getUTCDay() + 6) % 7
  return dayStart - sinceMonday * DAY - offsetMinutes * MINUTE
}

/** `YYYY-MM-DD` of `ms` on the portal's calendar. */
function portalDay(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 10)
}

/** The last moment the settings name (weekday at the hour, portal time) at or before `now`. */
export function lastDueMoment(settings: DigestSettings, now: number, offsetMinutes: number): number {
  const moment = mondayOf(now, offsetMinutes) + (settings.weekday - 1) * DAY + settings.hour * HOUR
  return moment > now ? moment - WEEK : moment
}

/** The next moment the settings name after `now`. */
export function nextDueMoment(settings: DigestSettings, now: number, offsetMinutes: number): number {
  return lastDueMoment(settings, now, offsetMinutes) + WEEK
}

export interface DigestWeek {
  /** Monday 00:00, epoch ms */
  from: number
  /** Sunday 23:59:59.999, epoch ms */
  to: number
  /** the Monday as `YYYY-MM-DD` (portal calendar): the week's key in the runner's store */
  key: string
  /** Sunday as `YYYY-MM-DD` */
  lastDay: string
  offsetMinutes: number
}

function weekFrom(from: number, offsetMinutes: number): DigestWeek {
  const to = from + WEEK - 1
  return { from, to, key: portalDay(from, offsetMinutes), lastDay: portalDay(to, offsetMinutes), offsetMinutes }
}

/** The last whole week (Monday to Sunday) before the digest's due moment: the week it tells of. */
export function coveredWeek(due: number, offsetMinutes: number): DigestWeek {
  return weekFrom(mondayOf(due, offsetMinutes) - WEEK, offsetMinutes)
}

export function weekBefore(week: DigestWeek): DigestWeek {
  return weekFrom(week.from - WEEK, week.offsetMinutes)
}


export interface WeekFigures {
  /** deals created in the week */
  newCount: number
  newSum: CurrencySums
  /** deals won (STAGE_SEMANTIC_ID S) whose CLOSEDATE is in the week */
  wonCount: number
  wonSum: CurrencySums
  /** the paid sum of those won deals */
  paidSum: CurrencySums
}

const inWeek = (ms: number, week: DigestWeek) => ms >= week.from && ms <= week.to

export function weekFigures(deals: readonly ReportDeal[], week: DigestWeek): WeekFigures {
  const figures: WeekFigures = { newCount: 0, newSum: {}, wonCount: 0, wonSum: {}, paidSum: {} }
  for (const deal of deals) {
    if (inWeek(deal.createdAt, week)) {
      figures.newCount += 1
      add(figures.newSum, deal.currency, deal.amount)
    }
    if (deal.semantic === 'S' && inWeek(deal.closeAt, week)) {
      figures.wonCount += 1
      add(figures.wonSum, deal.currency, deal.amount)
      add(figures.paidSum, deal.currency, deal.paid)
    }
  }
  return figures
}

/** The department's deals: those whose responsible's first department is in its subtree. */
export function departmentDeals(deals: readonly ReportDeal[], departmentId: number, users: ReadonlyMap<number, ReportUser>, tree: DepartmentTree): ReportDeal[] {
  const passes = responsiblePredicate({ departmentId }, { users, tree })
  return deals.filter((deal) => passes(deal.assignedById))
}

/** Receivables now (won or invoiced, unpaid), per currency. */
export function receivables(deals: readonly ReportDeal[]): CurrencySums {
  const sums: CurrencySums = {}
  for (const deal of deals) {
    const owed = receivableOf(deal)
    if (owed > 0) add(sums, deal.currency, owed)
  }
  return sums
}

export type AttentionReason = 'closeOverdue' | 'receivableOverdue'

export interface AttentionDeal {
  id: number
  title: string
  amount: MinorUnits
  currency: string
  reason: AttentionReason
  /** whole days past the date the reason names */
  days: number
}

/** Deals the head should look at: open ones past their planned close date, receivables over 30 days past due. Most days late first. */
export function attentionDeals(deals: readonly ReportDeal[], now: number): AttentionDeal[] {
  const out: AttentionDeal[] = []
  for (const deal of deals) {
    const base = { id: deal.id, title: deal.title, currency: deal.currency }
    const owed = receivableOf(deal)
    const age = debtAgeDays(deal, now)
    if (owed > 0 && age > 30) out.push({ ...base, amount: owed, reason: 'receivableOverdue', days: age })
    else if (deal.semantic === 'P' && Number.isFinite(deal.closeAt) && deal.closeAt < now) {
      out.push({ ...base, amount: deal.amount, reason: 'closeOverdue', days: Math.floor((now - deal.closeAt) / DAY) })
    }
  }
  return out.sort((a, b) => b.days - a.days || b.amount - a.amount || a.id - b.id)
}

export interface DigestPlan {
  /** `YYYY-MM` */
  month: string
  currency: string
  plan: MinorUnits
  fact: MinorUnits
  done: number | null
}

export interface Digest {
  departmentId: number
  departmentName: string
  week: DigestWeek
  current: WeekFigures
  previous: WeekFigures
  receivables: CurrencySums
  /** receivables the previous digest told, when there was one */
  previousReceivables: CurrencySums | null
  plans: DigestPlan[]
  attention: AttentionDeal[]
}

export interface DigestInput {
  department: { id: number; name: string }
  /** every deal the runner read; the department's are taken here */
  deals: readonly ReportDeal[]
  users: ReadonlyMap<number, ReportUser>
  tree: DepartmentTree
  week: DigestWeek
  now: number
  plans?: SalesPlans
  previousReceivables?: CurrencySums | null
}

/** The digest's figures for one department and week. */
export function buildDigest(input: DigestInput): Digest {
  const deals = departmentDeals(input.deals, input.department.id, input.users, input.tree)
  const month = input.week.lastDay.slice(0, 7)
  const rows = input.plans ? planFact({ plans: input.plans, month, deals, users: input.users, tree: input.tree, departmentId: input.department.id }).departments : []
  return {
    departmentId: input.department.id,
    departmentName: input.department.name,
    week: input.week,
    current: weekFigures(deals, input.week),
    previous: weekFigures(deals, weekBefore(input.week)),
    receivables: receivables(deals),
    previousReceivables: input.previousReceivables ?? null,
    plans: rows.filter((row) => row.id === input.department.id && row.plan !== null).map((row) => ({ month, currency: row.currency, plan: row.plan!, fact: row.fact, done: row.done })),
    attention: attentionDeals(deals, input.now),
  }
}

// ---------------------------------------------------------------- text

/**
 * The notification's text is BB code (b24restdocs chats/messages/formatting.md: [B], [URL=…]…[/URL],
 * line breaks as \n). The portal documents no limit on MESSAGE; the digest keeps itself under
 * DIGEST_MAX_CHARS so it stays a notice to read in the bell: the list of deals is cut first,
 * with how many more there are.
 */
export const DIGEST_MAX_CHARS = 3_000
/** Deals listed at most. */
export const DIGEST_ATTENTION_MAX = 5

interface DigestTexts {
  title: (department: string) => string
  week: (from: string, to: string, prevFrom: string, prevTo: string) => string
  newDeals: string
  won: string
  paid: string
  receivables: string
  plan: (month: string) => string
  planLine: (plan: string, fact: string, done: string) => string
  attention: string
  closeOverdue: (days: string) => string
  receivableOverdue: (days: string) => string
  more: (count: string) => string
  none: string
  open: string
  noChange: string
}

export const DIGEST_TEXTS: Record<FormatLocale, DigestTexts> = {
  ru: {
    title: (department) => `Итоги недели: ${department}`,
    week: (from, to, prevFrom, prevTo) => `Неделя ${from} – ${to}, в скобках — к неделе ${prevFrom} – ${prevTo}`,
    newDeals: 'Новые сделки',
    won: 'Выиграно',
    paid: 'Оплачено по выигранным',
    receivables: 'Дебиторская задолженность сейчас',
    plan: (month) => `План / факт, ${month}`,
    planLine: (plan, fact, done) => `план ${plan}, факт ${fact} (${done})`,
    attention: 'Требуют внимания',
    closeOverdue: (days) => `срок закрытия прошёл ${days} дн. назад`,
    receivableOverdue: (days) => `не оплачено ${days} дн. после срока`,
    more: (count) => `и ещё ${count}`,
    none: 'нет',
    open: 'Открыть отчёт отдела за эту неделю',
    noChange: 'без изменений',
  },
  en: {
    title: (department) => `Week in review: ${department}`,
    week: (from, to, prevFrom, prevTo) => `Week ${from} – ${to}; in brackets, against ${prevFrom} – ${prevTo}`,
    newDeals: 'New deals',
    won: 'Won',
    paid: 'Paid on won deals',
    receivables: 'Receivables now',
    plan: (month) => `Plan / actual, ${month}`,
    planLine: (plan, fact, done) => `plan ${plan}, actual ${fact} (${done})`,
    attention: 'Need your attention',
    closeOverdue: (days) => `close date passed ${days} days ago`,
    receivableOverdue: (days) => `unpaid ${days} days past due`,
    more: (count) => `and ${count} more`,
    none: 'none',
    open: "Open the department's report for this week",
    noChange: 'no change',
  },
}

/** «+2», «−1», «без изменений». */
function countChange(current: number, previous: number, locale: FormatLocale): string {
  const delta = current - previous
  if (delta === 0) return DIGEST_TEXTS[locale].noChange
  return `${delta > 0 ? '+' : '−'}${formatNumber(Math.abs(delta), locale, 0)}`
}

/** «+300 000,00 ₽, +33,3 %», the share left out when the earlier sum was 0. */
function moneyChange(current: number, previous: number, currency: string, locale: FormatLocale): string {
  const delta = current - previous
  if (delta === 0) return DIGEST_TEXTS[locale].noChange
  const sign = delta > 0 ? '+' : '−'
  const amount = `${sign}${formatMoney(Math.abs(delta), currency, locale)}`
  return previous === 0 ? amount : `${amount}, ${sign}${formatPercent(Math.abs(delta) / previous, locale)}`
}

const hasSums = (...maps: CurrencySums[]) => maps.some((map) => Object.keys(map).length > 0)

/** Currencies of both weeks, roubles first, then by code. */
function currenciesOf(...maps: CurrencySums[]): string[] {
  const all = new Set(maps.flatMap((map) => Object.keys(map)))
  return [...all].sort((a, b) => (a === 'RUB' ? -1 : b === 'RUB' ? 1 : a.localeCompare(b)))
}

function sumsLine(current: CurrencySums, previous: CurrencySums, locale: FormatLocale): string {
  return currenciesOf(current, previous)
    .map((currency) => {
      const now = current[currency] ?? 0
      return `${formatMoney(now, currency, locale)} (${moneyChange(now, previous[currency] ?? 0, currency, locale)})`
    })
    .join('; ')
}

/** BB code must not be opened by a deal's title or a department's name. */
const plain = (text: string) => text.replace(/[[\]]/g, (bracket) => (bracket === '[' ? '(' : ')'))

export interface DigestLinks {
  /** the report page on the department and week */
  report: string
  /** a deal's card */
  deal: (id: number) => string
}

/** The notification's text in `locale`, at most DIGEST_MAX_CHARS characters. */
export function digestMessage(digest: Digest, locale: FormatLocale, links: DigestLinks): string {
  const text = DIGEST_TEXTS[locale]
  const day = (iso: string) => formatDate(iso, locale)
  const before = weekBefore(digest.week)
  const { current, previous } = digest
  const head = [
    `[B]${plain(text.title(digest.departmentName))}[/B]`,
    text.week(day(digest.week.key), day(digest.week.lastDay), day(before.key), day(before.lastDay)),
    `${text.newDeals}: ${formatNumber(current.newCount, locale, 0)} (${countChange(current.newCount, previous.newCount, locale)})${hasSums(current.newSum, previous.newSum) ? ` · ${sumsLine(current.newSum, previous.newSum, locale)}` : ''}`,
    `${text.won}: ${formatNumber(current.wonCount, locale, 0)} (${countChange(current.wonCount, previous.wonCount, locale)})${hasSums(current.wonSum, previous.wonSum) ? ` · ${sumsLine(current.wonSum, previous.wonSum, locale)}` : ''}`,
    `${text.paid}: ${hasSums(current.paidSum, previous.paidSum) ? sumsLine(current.paidSum, previous.paidSum, locale) : text.none}`,
    `${text.receivables}: ${receivablesLine(digest, locale)}`,
    ...digest.plans.map((row) => `${text.plan(formatMonth(row.month, locale))}: ${text.planLine(formatMoney(row.plan, row.currency, locale), formatMoney(row.fact, row.currency, locale), row.done === null ? '—' : formatPercent(row.done, locale))}`),
  ]
  const footer = `[URL=${links.report}]${text.open}[/URL]`
  const items = digest.attention.map((deal) => {
    const why = deal.reason === 'closeOverdue' ? text.closeOverdue(formatNumber(deal.days, locale, 0)) : text.receivableOverdue(formatNumber(deal.days, locale, 0))
    return `• [URL=${links.deal(deal.id)}]${plain(deal.title || `#${deal.id}`)}[/URL] — ${formatMoney(deal.amount, deal.currency, locale)}, ${why}`
  })
  const compose = (shown: number) => {
    const list = shown > 0 || items.length > 0 ? [`${text.attention}:`, ...items.slice(0, shown)] : []
    if (items.length > shown) list.push(text.more(formatNumber(items.length - shown, locale, 0)))
    return [...head, ...(items.length > 0 ? list : []), footer].join('\n')
  }
  let shown = Math.min(items.length, DIGEST_ATTENTION_MAX)
  let message = compose(shown)
  while (message.length > DIGEST_MAX_CHARS && shown > 0) message = compose(--shown)
  // Still too long (very many currencies or a huge name): cut, keeping the link.
  if (message.length > DIGEST_MAX_CHARS) message = `${message.slice(0, DIGEST_MAX_CHARS - footer.length - 2)}…\n${footer}`
  return message
}

function receivablesLine(digest: Digest, locale: FormatLocale): string {
  const text = DIGEST_TEXTS[locale]
  const was = digest.previousReceivables
  const currencies = currenciesOf(digest.receivables, was ?? {})
  if (currencies.length === 0) return text.none
  return currencies
    .map((currency) => {
      const now = digest.receivables[currency] ?? 0
      const shown = formatMoney(now, currency, locale)
      return was ? `${shown} (${moneyChange(now, was[currency] ?? 0, currency, locale)})` : shown
    })
    .join('; ')
}
