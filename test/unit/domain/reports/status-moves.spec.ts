import { describe, expect, it } from 'vitest'
import { describeStatus, STATUS_LOG_LIMIT, type ClientStatus, type StatusChangeRecord } from '@/domain/client-profile'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import {
  companiesRead,
  companyStatusOf,
  companySummary,
  enumCodesOf,
  localMoment,
  moveYear,
  statusEnumCommands,
  statusKey,
  statusLabel,
  statusMovesOfCompanies,
  yearlyStatistics,
  type StatusEnumCodes,
} from '@/domain/reports'
import { generateCompanies, MOSCOW, STATUS_FIELD_LIST, SUB_STATUS_FIELD_LIST } from './generated-companies'
import { NOW } from './generated-data'

// Shapes: crm.company.list with a user field in `select` (b24restdocs api-reference/crm/companies/crm-company-list.md),
// crm.company.userfield.list filtered by FIELD_NAME with LIST (api-reference/crm/companies/userfields/crm-company-userfield-list.md).

const companies = generateCompanies(300)
const rows = companies.map((company) => company.row)
const codes: StatusEnumCodes = { status: enumCodesOf(STATUS_FIELD_LIST), subStatus: enumCodesOf(SUB_STATUS_FIELD_LIST) }
/** What the status-log field keeps of a company's changes: the last 200, nothing when it was overwritten. */
const kept = (company: (typeof companies)[number]): StatusChangeRecord[] => (company.broken ? [] : company.records.slice(-STATUS_LOG_LIMIT))
const moscowYear = (at: string) => new Date(Date.parse(at) + MOSCOW * 60_000).getUTCFullYear()

describe('status moves come from the companies’ status-log field, read with the companies', () => {
  it('the companies’ keyset read selects the log field; the summary batch reads the two status enumerations', () => {
    const read = companiesRead()
    expect(read).toMatchObject({ method: 'crm.company.list', idKey: 'ID', rowIdKey: 'ID' })
    expect(read.params.select).toEqual(['ID', 'DATE_CREATE', 'ASSIGNED_BY_ID', F.statusLog.fieldName])
    expect(statusEnumCommands()).toEqual({
      statusItems: { method: 'crm.company.userfield.list', params: { filter: { FIELD_NAME: 'UF_CRM_KOS_STATUS' } } },
      subStatusItems: { method: 'crm.company.userfield.list', params: { filter: { FIELD_NAME: 'UF_CRM_KOS_SUBSTATUS' } } },
    })
  })

  it('every change the profile tab logged, per company, oldest first; an overwritten log is named, not guessed', () => {
    const { moves, unreadableCompanyIds } = statusMovesOfCompanies(rows)
    expect(unreadableCompanyIds).toEqual(companies.filter((c) => c.broken).map((c) => Number(c.row.ID)))
    expect(unreadableCompanyIds.length).toBeGreaterThan(0)
    const expected = companies.flatMap((company) =>
      kept(company).map((record) => ({ companyId: Number(company.row.ID), from: record.from, to: record.to, by: record.by, at: record.at, ...(record.remark ? { remark: record.remark } : {}) })),
    )
    expect(moves).toEqual(expected)
    expect(moves.some((move) => move.remark)).toBe(true)
  })

  it('a log longer than the field keeps counts its last 200 changes', () => {
    const long = companies.find((company) => company.records.length > STATUS_LOG_LIMIT)!
    expect(long).toBeDefined()
    const { moves } = statusMovesOfCompanies([long.row])
    expect(moves).toHaveLength(STATUS_LOG_LIMIT)
    expect(moves[0]!.at).toBe(long.records[long.records.length - STATUS_LOG_LIMIT]!.at)
  })
})

describe('R3 yearly statistics count the client status moves by year', () => {
  const { moves } = statusMovesOfCompanies(rows)
  const years = yearlyStatistics({ companies: rows, deals: [], moves, currency: 'RUB', offsetMinutes: MOSCOW })

  it('moves per year match an independent count of the generated changes', () => {
    const perYear = new Map<number, number>()
    for (const company of companies) for (const record of kept(company)) perYear.set(moscowYear(record.at), (perYear.get(moscowYear(record.at)) ?? 0) + 1)
    expect(years.filter((y) => y.statusMoves > 0).map((y) => [y.year, y.statusMoves])).toEqual([...perYear].sort((a, b) => a[0] - b[0]))
    expect(years.reduce((sum, y) => sum + y.statusMoves, 0)).toBe(moves.length)
    expect(moves.length).toBeGreaterThan(500)
  })

  it('split by the status reached: the level, or «не активен»', () => {
    for (const year of years) {
      const expected: Record<string, number> = {}
      for (const company of companies) {
        for (const record of kept(company)) {
          if (moscowYear(record.at) !== year.year) continue
          const key = record.to.inactive ? 'INACTIVE' : record.to.level
          expected[key] = (expected[key] ?? 0) + 1
        }
      }
      expect(year.movesByStatus).toEqual(expected)
      expect(Object.values(year.movesByStatus).reduce((a, b) => a + b, 0)).toBe(year.statusMoves)
    }
    expect(years.some((y) => (y.movesByStatus.INACTIVE ?? 0) > 0)).toBe(true)
    expect(statusLabel({ level: 'NEW', subStatus: null, inactive: true })).toEqual({ ru: 'Не активен', en: 'Inactive' })
  })

  it('new clients per year still come from the same companies read', () => {
    const created = new Map<number, number>()
    for (const row of rows) created.set(Number(row.DATE_CREATE!.slice(0, 4)), (created.get(Number(row.DATE_CREATE!.slice(0, 4))) ?? 0) + 1)
    for (const year of years) expect(year.newClients).toBe(created.get(year.year) ?? 0)
  })

  it('a change logged in UTC belongs to the year of the people who made it', () => {
    // 00:30 on 1 January in Moscow is 21:30 on 31 December in UTC, as `toISOString()` writes it.
    expect(moveYear('2024-12-31T21:30:00.000Z', MOSCOW)).toBe(2025)
    expect(moveYear('2024-12-31T21:30:00.000Z', 0)).toBe(2024)
    // A moment written with its own offset keeps that calendar.
    expect(moveYear('2024-12-31T23:30:00+03:00', 0)).toBe(2024)
    expect(localMoment('2025-03-01T07:05:09.123Z', MOSCOW)).toBe('2025-03-01 10:05')
    expect(moveYear('вчера', MOSCOW)).toBeNull()
  })
})

describe('R2 «Сводка»: the company’s status now and its history', () => {
  const { moves } = statusMovesOfCompanies(rows)

  it('current status from the status fields (enumeration item IDs → ladder codes), history as logged', () => {
    const company = companies
      .filter((c) => !c.broken && c.records.length >= 4 && c.records.length <= STATUS_LOG_LIMIT)
      .sort((a, b) => b.records.length - a.records.length)[0]!
    const companyId = Number(company.row.ID)
    const status = companyStatusOf(company.row, codes)
    expect(status).toEqual(company.status)
    const summary = companySummary({ companyId, deals: [], moves, status, now: NOW, currency: 'RUB' })
    expect(summary.currentStatus).toEqual(company.status)
    expect(summary.history.map((m) => [m.from, m.to, m.by, m.at])).toEqual(company.records.map((r) => [r.from, r.to, r.by, r.at]))
    expect(summary.history.at(-1)!.to).toEqual(company.status)
    for (const move of summary.history) {
      expect(statusLabel(move.to)).toEqual({ ru: describeStatus(move.to, null, 'ru'), en: describeStatus(move.to, null, 'en') })
    }
  })

  it('reads statuses the way the profile tab does: empty is «Новый», an unknown item falls back to the log', () => {
    const sub: ClientStatus = { level: 'LOI_SIGNING', subStatus: 'LOI_DOCS', inactive: false }
    const row = { ID: '1', [F.status.fieldName]: '', [F.subStatus.fieldName]: null, [F.inactive.fieldName]: '0' }
    expect(companyStatusOf(row, codes)).toEqual({ level: 'NEW', subStatus: null, inactive: false })
    const loi = { ...row, [F.status.fieldName]: STATUS_FIELD_LIST[0]!.LIST.find((i) => i.XML_ID === 'LOI_SIGNING')!.ID, [F.subStatus.fieldName]: SUB_STATUS_FIELD_LIST[0]!.LIST.find((i) => i.XML_ID === 'LOI_DOCS')!.ID }
    expect(companyStatusOf(loi, codes)).toEqual(sub)
    expect(companyStatusOf({ ...loi, [F.inactive.fieldName]: '1' }, codes)).toEqual({ ...sub, inactive: true })
    expect(statusLabel(sub)).toEqual({ ru: 'Подписание LOI: Подготовка документов', en: 'Signing the LOI: Preparing documents' })

    // Items not readable: the field's ID names nothing, so the last logged status is shown.
    const unknown = companyStatusOf(loi, { status: new Map(), subStatus: new Map() })
    expect(unknown).toBeNull()
    const logged = { companyId: 1, from: { level: 'NEW', subStatus: null, inactive: false }, to: sub, by: 3, at: '2025-01-01T10:00:00.000Z' }
    expect(companySummary({ companyId: 1, deals: [], moves: [logged], status: unknown, now: NOW, currency: 'RUB' }).currentStatus).toEqual(sub)
    expect(statusKey(sub)).toBe('LOI_SIGNING')
  })
})
