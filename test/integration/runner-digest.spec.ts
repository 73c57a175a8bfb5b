import { describe, expect, it } from 'vitest'
import { faultRule } from '../e2e/helpers/fault-matrix'
import { formatMoney } from '@/domain/money'
import { portalOffsetMinutes, restAmountToMinor } from '@/domain/reports'
import { decodeReportView } from '@/domain/reports/report-view'
import { digestRound, headMark } from '../../runner/digest/digest-job'
import { control } from './helpers/sandbox'
import { eventually, runnerQuiet, useRunnerHarness } from './helpers/runner-harness'
import { ADMIN, MANAGER, webFormLeads, type Notice } from './helpers/web-form-leads'

// The weekly digest (issue 15) sent by the runner alone: each department head gets one notice a
// week, whose figures equal a REST recount of their department's deals; a restart, a lost reply
// of im.notify.system.add and a later look send nothing twice. The digest is due on Monday 09:00
// (the default) on the CRM's clock: the offset its dates carry (the sandbox's is +03:00, while
// server.time answers in the server's zone, +00:00).

const harness = useRunnerHarness({ digest: true })
const { rest } = webFormLeads(harness)

const DAY = 86_400_000
const HOUR = 3_600_000
const portalNow = () => Date.now() + harness.clockOffsetMs
/** The CRM's offset from UTC in ms, read from a deal's DATE_CREATE in the first test. */
let offsetMs = 0
const day = (ms: number) => new Date(ms + offsetMs).toISOString().slice(0, 10)

/** Monday 09:00 (CRM clock) of the week after the one holding `ms`: its digest tells of the week holding `ms`. */
function nextWeeksMondayNine(ms: number): number {
  const local = ms + offsetMs
  const midnight = local - (local % DAY)
  const sinceMonday = (new Date(local).getUTCDay() + 6) % 7
  return midnight + (7 - sinceMonday) * DAY + 9 * HOUR - offsetMs
}

/** Moves the portal's clock to `ms` (forward only). */
async function clockTo(ms: number): Promise<void> {
  await harness.shiftClock(ms - portalNow())
}

const digestsOf = async (userId: number): Promise<Notice[]> =>
  (await rest<{ notifications: Notice[] }>(userId, 'im.notify.get', { LIMIT: 50 })).notifications.filter((n) => n.notify_tag.startsWith('APP_WEEKLY_DIGEST_'))

interface Department {
  ID: string
  NAME: string
  PARENT?: string
  UF_HEAD?: string
}

/** Every row of a list method, page by page (start). */
async function listAll<T>(method: string, params: Record<string, unknown>): Promise<T[]> {
  const rows: T[] = []
  for (let start = 0; ; start += 50) {
    const page = await rest<T[]>(ADMIN, method, { ...params, start })
    rows.push(...page)
    if (page.length < 50) return rows
  }
}

/** The department heads and, per head, the recount of their department (and below) in a week, from REST alone. */
async function recount(week: { from: number; to: number }) {
  const departments = await listAll<Department>('department.get', {})
  const users = await listAll<{ ID: string; UF_DEPARTMENT: number[] }>('user.get', {})
  const below = (id: string): Set<string> => {
    const ids = new Set([id])
    for (let grown = true; grown; ) {
      grown = false
      for (const d of departments) if (d.PARENT && ids.has(String(d.PARENT)) && !ids.has(d.ID)) grown = ids.add(d.ID).size > 0
    }
    return ids
  }
  const created = await listAll<{ ASSIGNED_BY_ID: string; OPPORTUNITY: string; CURRENCY_ID: string }>('crm.deal.list', {
    filter: { '>=DATE_CREATE': new Date(week.from).toISOString(), '<=DATE_CREATE': new Date(week.to).toISOString() },
    select: ['ID', 'ASSIGNED_BY_ID', 'OPPORTUNITY', 'CURRENCY_ID'],
  })
  const won = (await listAll<{ ASSIGNED_BY_ID: string; OPPORTUNITY: string; CURRENCY_ID: string; CLOSEDATE: string }>('crm.deal.list', {
    filter: { STAGE_SEMANTIC_ID: 'S' },
    select: ['ID', 'ASSIGNED_BY_ID', 'OPPORTUNITY', 'CURRENCY_ID', 'CLOSEDATE'],
  })).filter((deal) => Date.parse(deal.CLOSEDATE) >= week.from && Date.parse(deal.CLOSEDATE) <= week.to)
  const heads = departments.filter((d) => Number(d.UF_HEAD) > 0)
  return heads.map((department) => {
    const subtree = below(department.ID)
    const inside = (deal: { ASSIGNED_BY_ID: string }) => subtree.has(String(users.find((u) => u.ID === String(deal.ASSIGNED_BY_ID))?.UF_DEPARTMENT?.[0] ?? 0))
    const sums = (deals: Array<{ OPPORTUNITY: string; CURRENCY_ID: string }>) => {
      const out: Record<string, number> = {}
      for (const deal of deals) out[deal.CURRENCY_ID] = (out[deal.CURRENCY_ID] ?? 0) + restAmountToMinor(deal.OPPORTUNITY)
      return out
    }
    const mine = created.filter(inside)
    const wonHere = won.filter(inside)
    return { head: Number(department.UF_HEAD), department, newCount: mine.length, newSums: sums(mine), wonCount: wonHere.length, wonSums: sums(wonHere) }
  })
}

const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe('runner: the weekly digest', () => {
  // The Monday the test's digest is due, and the week it tells of: this one.
  let due = 0
  let week = { from: 0, to: 0 }
  let key = ''
  const first = new Map<number, number[]>()

  it('sends nothing for a week that was due before the runner first looked', async () => {
    const [newest] = await rest<Array<{ DATE_CREATE: string }>>(ADMIN, 'crm.deal.list', { select: ['ID', 'DATE_CREATE'], order: { ID: 'DESC' } })
    offsetMs = portalOffsetMinutes(newest!.DATE_CREATE) * 60_000
    due = nextWeeksMondayNine(portalNow())
    week = { from: due - 9 * HOUR - 7 * DAY, to: due - 9 * HOUR - 1 }
    key = day(week.from)
    expect((await runnerQuiet(harness)).error).toBeNull()
    expect(await digestsOf(2)).toEqual([])
  })

  it('on Monday 09:00 each head gets one digest whose figures equal a REST recount of their department', async () => {
    // This week: deals made and won by a manager of «Отдел продаж».
    const made = []
    for (const [amount, currency] of [[120_000, 'RUB'], [35_500.5, 'RUB'], [900, 'USD']] as const) {
      made.push(await rest<number>(MANAGER, 'crm.deal.add', { fields: { TITLE: `Сводка ${amount}`, OPPORTUNITY: amount, CURRENCY_ID: currency, ASSIGNED_BY_ID: MANAGER } }))
    }
    await rest(ADMIN, 'crm.deal.update', { id: made[0], fields: { STAGE_ID: 'WON', CLOSEDATE: day(portalNow()) } })
    await rest(ADMIN, 'crm.deal.update', { id: made[2], fields: { STAGE_ID: 'WON', CLOSEDATE: day(portalNow()) } })
    expect((await runnerQuiet(harness)).error).toBeNull()
    expect(await digestsOf(2)).toEqual([])

    await clockTo(due + 60_000)
    const expected = await recount(week)
    expect(expected.length).toBeGreaterThan(0)
    for (const row of expected) {
      const tag = `APP_WEEKLY_DIGEST_${key}_${row.head}_${row.department.ID}`
      const notices = (await eventually(() => digestsOf(row.head), (list) => list.some((n) => n.notify_tag === tag))).filter((n) => n.notify_tag === tag)
      expect(notices, `head ${row.head}`).toHaveLength(1)
      const text = plainSpaces(notices[0]!.text)
      expect(text).toContain(`[B]Итоги недели: ${row.department.NAME}[/B]`)
      expect(text).toContain(`Новые сделки: ${row.newCount} (`)
      expect(text).toContain(`Выиграно: ${row.wonCount} (`)
      for (const [currency, minor] of Object.entries(row.newSums)) expect(text).toContain(plainSpaces(formatMoney(minor, currency, 'ru')))
      for (const [currency, minor] of Object.entries(row.wonSums)) expect(text).toContain(plainSpaces(formatMoney(minor, currency, 'ru')))
      // The link opens the report on the head's department and the week.
      const link = /\[URL=([^\]]+)\]Открыть отчёт отдела за эту неделю\[\/URL\]$/.exec(text)
      expect(link).not.toBeNull()
      const url = new URL(link![1]!)
      expect(url.pathname).toMatch(/^\/marketplace\/view\/[^/]+\/$/)
      expect(decodeReportView(url.searchParams.get('params[view]')).view).toMatchObject({ period: 'custom', from: key, to: day(week.to), departmentId: Number(row.department.ID) })
      first.set(row.head, [...(first.get(row.head) ?? []), notices[0]!.id])
    }
    // The sales head's own figures: the three deals above are in them.
    const sales = expected.find((row) => row.head === 2)!
    expect(sales.newCount).toBeGreaterThanOrEqual(3)
    expect(sales.wonSums.USD).toBeGreaterThanOrEqual(900_00)
  })

  it('a restart of the runner and its later looks that week send nothing again; a head added meanwhile waits for next week', async () => {
    // A new department headed by the manager (the portal's structure, as the admin edits it; the sandbox has no department.add).
    harness.sandbox.store.table('departments').insert({ NAME: 'Отдел сервиса', SORT: 600, PARENT: 1, UF_HEAD: MANAGER })
    await harness.restart()
    await harness.shiftClock(3_600_000 + 60_000)
    expect((await runnerQuiet(harness)).error).toBeNull()
    await harness.shiftClock(3_600_000 + 60_000)
    expect((await runnerQuiet(harness)).error).toBeNull()
    for (const [head, ids] of first) {
      // A resend would have replaced the notice by a new one (same TAG, new ID).
      expect((await digestsOf(head)).filter((n) => n.notify_tag.includes(`_${key}_`)).map((n) => n.id)).toEqual(ids)
    }
    expect(await digestsOf(MANAGER)).toEqual([])
  })

  it('a lost reply of im.notify.system.add next week: the retry replaces, never doubles, and nothing is lost', async () => {
    const next = due + 7 * DAY
    const nextKey = day(week.from + 7 * DAY)
    await control(harness.sandbox.origin, 'faults', { ...faultRule('lost', 'im.notify.system.add') })
    await clockTo(next + 60_000)
    // The first send is stored but its reply lost: the runner sends it again (now or a minute later) under the same TAG.
    const round = await eventually(async () => digestRound(harness.runner.store, nextKey), (r) => r !== undefined)
    await eventually(async () => round!.recipients.map((r) => headMark(harness.runner.store, nextKey, r)?.state), (states) => states.every((state) => state !== undefined))
    expect((await runnerQuiet(harness)).error).toBeNull()
    expect(harness.sandbox.control.state().faults).toEqual([])
    await harness.shiftClock(61_000)
    const states = await eventually(async () => round!.recipients.map((r) => headMark(harness.runner.store, nextKey, r)?.state), (list) => list.every((state) => state === 'sent'))
    expect(states.every((state) => state === 'sent')).toBe(true)
    // The head added last week gets this week's digest, for the new department only.
    const added = await eventually(() => digestsOf(MANAGER), (list) => list.length > 0)
    expect(added.map((n) => n.notify_tag)).toEqual([expect.stringMatching(new RegExp(`^APP_WEEKLY_DIGEST_${nextKey}_${MANAGER}_\\d+$`))])
    expect(added[0]!.text).toContain('Итоги недели: Отдел сервиса')
    for (const head of first.keys()) {
      const notices = await eventually(() => digestsOf(head), (list) => list.some((n) => n.notify_tag.includes(`_${nextKey}_`)))
      expect(notices.filter((n) => n.notify_tag.includes(`_${nextKey}_`)), `head ${head}`).toHaveLength(1)
      expect(notices.filter((n) => n.notify_tag.includes(`_${key}_`))).toHaveLength(first.get(head)!.length)
    }
  })
})
