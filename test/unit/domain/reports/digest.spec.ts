import { describe, expect, it } from 'vitest'
import {
  DIGEST_MAX_CHARS,
  DepartmentTree,
  buildDigest,
  coveredWeek,
  digestMessage,
  lastDueMoment,
  nextDueMoment,
  parseDigestSettings,
  portalOffsetMinutes,
  serializeDigestSettings,
  weekBefore,
  type ReportDeal,
  type ReportUser,
} from '@/domain/reports'

// The weekly digest (issue 15). The portal's clock is UTC+3 here (Moscow); every moment below is
// written with its offset, so the figures hold in any time zone the test runs in. Money in minor units.
const OFFSET = 180
const t = (iso: string) => Date.parse(iso)

const BASE: ReportDeal = {
  id: 0, title: '', categoryId: 0, stageId: '', semantic: 'P', assignedById: 3, companyId: 0, amount: 0, currency: 'RUB', paid: 0,
  createdAt: Number.NaN, closeAt: Number.NaN, dueAt: Number.NaN, invoiceAt: Number.NaN,
  scansReceived: false, originalsReceived: false, createdIso: '', closeIso: '',
}
let nextId = 100
/** A deal with its portal dates as text (`created`, `close`), as normalize.ts keeps them beside the epoch ms. */
function make(fields: Partial<ReportDeal> & { created: string; close?: string }): ReportDeal {
  const { created, close = '', ...rest } = fields
  return { ...BASE, id: nextId++, createdIso: created, createdAt: t(created), closeIso: close, closeAt: close ? t(close) : Number.NaN, ...rest }
}
/** Intl's no-break spaces as plain ones, so the expected texts read as written. */
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

// Sales (1) → its branch (2); product (3) beside them. Users 3 (sales), 4 (branch), 5 (product).
const tree = new DepartmentTree([
  { id: 1, name: 'Отдел продаж', parentId: 0, headId: 2 },
  { id: 2, name: 'Филиал', parentId: 1, headId: 0 },
  { id: 3, name: 'Отдел продукта', parentId: 0, headId: 5 },
])
const users = new Map<number, ReportUser>([
  [3, { id: 3, name: 'Мария', departmentIds: [1] }],
  [4, { id: 4, name: 'Павел', departmentIds: [2] }],
  [5, { id: 5, name: 'Олег', departmentIds: [3] }],
])

// The digest due Monday 7 Dec 2026 09:00 (+03) tells of 30 Nov – 6 Dec against 23 – 29 Nov.
const NOW = t('2026-12-07T09:05:00+03:00')

describe('digest: when and which week', () => {
  it('reads the portal offset from server.time', () => {
    expect(portalOffsetMinutes('2026-12-07T09:00:00+03:00')).toBe(180)
    expect(portalOffsetMinutes('2026-12-07T09:00:00-05:30')).toBe(-330)
    expect(portalOffsetMinutes('2026-12-07T09:00:00+00:00')).toBe(0)
  })

  it('is due at the weekday and hour on the portal clock, and covers the last whole week before it', () => {
    const settings = parseDigestSettings(undefined)
    expect(settings).toEqual({ enabled: true, weekday: 1, hour: 9 })
    const due = lastDueMoment(settings, NOW, OFFSET)
    expect(new Date(due).toISOString()).toBe('2026-12-07T06:00:00.000Z')
    // At 08:59 on Monday the last due moment is still a week earlier.
    expect(new Date(lastDueMoment(settings, t('2026-12-07T08:59:00+03:00'), OFFSET)).toISOString()).toBe('2026-11-30T06:00:00.000Z')
    expect(nextDueMoment(settings, NOW, OFFSET) - due).toBe(7 * 86_400_000)
    const week = coveredWeek(due, OFFSET)
    expect(week.key).toBe('2026-11-30')
    expect(week.lastDay).toBe('2026-12-06')
    expect(new Date(week.from).toISOString()).toBe('2026-11-29T21:00:00.000Z')
    expect(new Date(week.to).toISOString()).toBe('2026-12-06T20:59:59.999Z')
    expect(weekBefore(week).key).toBe('2026-11-23')
    // Friday 17:00: due that Friday, still telling of the last whole week.
    const friday = lastDueMoment({ enabled: true, weekday: 5, hour: 17 }, t('2026-12-13T10:00:00+03:00'), OFFSET)
    expect(new Date(friday).toISOString()).toBe('2026-12-11T14:00:00.000Z')
    expect(coveredWeek(friday, OFFSET).key).toBe('2026-11-30')
  })

  it('keeps what reads of the settings and defaults the rest', () => {
    expect(parseDigestSettings(serializeDigestSettings({ enabled: false, weekday: 5, hour: 17 }))).toEqual({ enabled: false, weekday: 5, hour: 17 })
    expect(parseDigestSettings('{"enabled":true,"weekday":9,"hour":24}')).toEqual({ enabled: true, weekday: 1, hour: 9 })
    expect(parseDigestSettings('not json')).toEqual({ enabled: true, weekday: 1, hour: 9 })
  })
})

describe('digest: figures of the department and its sub-departments', () => {
  const deals = [
    // this week: 3 new in sales (two RUB, one USD), one of them in the branch
    make({ created: '2026-11-30T00:00:00+03:00', amount: 100_000_00 }),
    make({ created: '2026-12-06T23:59:00+03:00', amount: 50_000_00, assignedById: 4 }),
    make({ created: '2026-12-02T12:00:00+03:00', amount: 1_000_00, currency: 'USD' }),
    // Sunday 23:59 Moscow is Sunday 20:59 UTC; Monday 00:30 Moscow is Sunday 21:30 UTC: next week
    make({ created: '2026-12-07T00:30:00+03:00', amount: 7_00 }),
    // won this week: RUB 300 000 paid 100 000, USD 2 000 paid in full
    make({ created: '2026-10-01T10:00:00+03:00', semantic: 'S', close: '2026-12-03T10:00:00+03:00', amount: 300_000_00, paid: 100_000_00 }),
    make({ created: '2026-10-01T10:00:00+03:00', semantic: 'S', close: '2026-12-04T10:00:00+03:00', amount: 2_000_00, paid: 2_000_00, currency: 'USD' }),
    // previous week: 1 new RUB 40 000, won RUB 200 000 (paid 0)
    make({ created: '2026-11-25T10:00:00+03:00', amount: 40_000_00 }),
    make({ created: '2026-10-02T10:00:00+03:00', semantic: 'S', close: '2026-11-26T10:00:00+03:00', amount: 200_000_00 }),
    // product department: never in the sales digest
    make({ created: '2026-12-01T10:00:00+03:00', amount: 999_999_00, assignedById: 5 }),
    // open, planned to close 12 days ago: needs the head
    make({ title: 'Поставка [срочно]', created: '2026-09-01T10:00:00+03:00', close: '2026-11-25T09:00:00+03:00', amount: 80_000_00 }),
    // lost: neither new this week nor a receivable
    make({ created: '2026-09-01T10:00:00+03:00', semantic: 'F', close: '2026-12-01T10:00:00+03:00', amount: 10_000_00 }),
  ]
  const week = coveredWeek(lastDueMoment(parseDigestSettings(undefined), NOW, OFFSET), OFFSET)
  const plans = { version: 1 as const, entries: [{ month: '2026-12', owner: 'department' as const, id: 1, currency: 'RUB', amount: 1_000_000_00 }] }
  const digest = buildDigest({ department: { id: 1, name: 'Отдел продаж' }, deals, users, tree, week, now: NOW, plans, previousReceivables: { RUB: 250_000_00 } })

  it('counts new, won and paid per currency against the week before', () => {
    expect(digest.current.newCount).toBe(3)
    expect(digest.current.newSum).toEqual({ RUB: 150_000_00, USD: 1_000_00 })
    expect(digest.current.wonCount).toBe(2)
    expect(digest.current.wonSum).toEqual({ RUB: 300_000_00, USD: 2_000_00 })
    expect(digest.current.paidSum).toEqual({ RUB: 100_000_00, USD: 2_000_00 })
    expect(digest.previous.newCount).toBe(1)
    expect(digest.previous.wonSum).toEqual({ RUB: 200_000_00 })
    // receivables now: RUB 200 000 (won this week, unpaid part) + 200 000 (last week's, unpaid)
    expect(digest.receivables).toEqual({ RUB: 400_000_00 })
  })

  it('holds the department plan against the month’s won amount in its currency', () => {
    expect(digest.plans).toEqual([{ month: '2026-12', currency: 'RUB', plan: 1_000_000_00, fact: 300_000_00, done: 0.3 }])
  })

  it('lists the deal past its close date', () => {
    expect(digest.attention).toHaveLength(1)
    expect(digest.attention[0]).toMatchObject({ title: 'Поставка [срочно]', reason: 'closeOverdue', days: 12, amount: 80_000_00 })
  })

  const links = { report: 'https://portal.example/marketplace/app/7/?view=abc', deal: (id: number) => `https://portal.example/crm/deal/details/${id}/` }

  it('says it in Russian, money per currency with the change and share', () => {
    const text = spaces(digestMessage(digest, 'ru', links))
    expect(text).toContain('[B]Итоги недели: Отдел продаж[/B]')
    expect(text).toContain('Неделя 30.11.2026 – 06.12.2026, в скобках — к неделе 23.11.2026 – 29.11.2026')
    expect(text).toContain('Новые сделки: 3 (+2) · 150 000,00 ₽ (+110 000,00 ₽, +275 %); 1 000,00 $ (+1 000,00 $)')
    expect(text).toContain('Выиграно: 2 (+1) · 300 000,00 ₽ (+100 000,00 ₽, +50 %); 2 000,00 $ (+2 000,00 $)')
    expect(text).toContain('Оплачено по выигранным: 100 000,00 ₽ (+100 000,00 ₽); 2 000,00 $ (+2 000,00 $)')
    expect(text).toContain('Дебиторская задолженность сейчас: 400 000,00 ₽ (+150 000,00 ₽, +60 %)')
    expect(text).toContain('План / факт, Декабрь 2026 г.: план 1 000 000,00 ₽, факт 300 000,00 ₽ (30 %)')
    // the title's brackets would open BB code: they are made round
    expect(text).toContain(`• [URL=${links.deal(digest.attention[0]!.id)}]Поставка (срочно)[/URL] — 80 000,00 ₽, срок закрытия прошёл 12 дн. назад`)
    expect(text.endsWith(`[URL=${links.report}]Открыть отчёт отдела за эту неделю[/URL]`)).toBe(true)
    expect(text).not.toContain('999')
  })

  it('says it in English', () => {
    const text = spaces(digestMessage(digest, 'en', links))
    expect(text).toContain('[B]Week in review: Отдел продаж[/B]')
    expect(text).toContain('Week 30/11/2026 – 06/12/2026; in brackets, against 23/11/2026 – 29/11/2026')
    expect(text).toContain('New deals: 3 (+2) · ₽150,000.00 (+₽110,000.00, +275%); $1,000.00 (+$1,000.00)')
    expect(text).toContain('Won: 2 (+1)')
    expect(text).toContain('Plan / actual, December 2026: plan ₽1,000,000.00, actual ₽300,000.00 (30%)')
    expect(text).toContain('close date passed 12 days ago')
    expect(text).toContain("Open the department's report for this week")
  })

  it('a week with less says the fall and «no change»', () => {
    const quiet = buildDigest({ department: { id: 1, name: 'Отдел продаж' }, deals: deals.slice(6, 8), users, tree, week, now: NOW })
    const text = spaces(digestMessage(quiet, 'ru', links))
    expect(text).toContain('Новые сделки: 0 (−1) · 0,00 ₽ (−40 000,00 ₽, −100 %)')
    expect(text).toContain('Выиграно: 0 (−1) · 0,00 ₽ (−200 000,00 ₽, −100 %)')
    expect(text).toContain('Оплачено по выигранным: 0,00 ₽ (без изменений)')
    expect(text).not.toContain('План')
  })

  it('stays under the length limit: the list is cut first, with how many more, the link kept', () => {
    const many = Array.from({ length: 60 }, (_, i) => make({ title: `Сделка с очень длинным названием номер ${i} `.repeat(3), created: '2026-09-01T10:00:00+03:00', close: '2026-11-20T09:00:00+03:00', amount: (i + 1) * 1_000_00 }))
    const crowded = buildDigest({ department: { id: 1, name: 'Отдел продаж' }, deals: many, users, tree, week, now: NOW })
    const text = spaces(digestMessage(crowded, 'ru', links))
    expect(text.length).toBeLessThanOrEqual(DIGEST_MAX_CHARS)
    expect(text.match(/^• /gm)).toHaveLength(5)
    expect(text).toContain('и ещё 55')
    const long = spaces(digestMessage({ ...crowded, departmentName: 'Отдел '.repeat(1_000) }, 'en', links))
    expect(long.length).toBeLessThanOrEqual(DIGEST_MAX_CHARS)
    expect(long.endsWith(`[URL=${links.report}]Open the department's report for this week[/URL]`)).toBe(true)
  })
})
