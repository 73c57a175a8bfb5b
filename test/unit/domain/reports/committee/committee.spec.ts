// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { ClientStatus } from '@/domain/client-profile/status-transitions'
import { historyEventToComment } from '@/domain/client-profile/history'
import {
  averageTerm,
  clientsByStep,
  communicationEventsOf,
  communicationsByYear,
  leadsByObjectType,
  salesByObject,
  type SaleDeal,
} from '@/domain/reports/committee'
import type { ObjectsDirectory } from '@/domain/sale/objects-directory'
import type { ObjectItem, SaleItem } from '@/domain/sale/items'

// Issue 15, Kosino's committee reports: each figure below is counted by hand from the rows given.

const directory: ObjectsDirectory = {
  version: 1,
  objectTypes: [
    {
      code: 'WH', label: { ru: 'Склад', en: 'Warehouse' }, department: 'WAREHOUSE',
      zones: [
        { code: 'A', label: { ru: 'Зона A' }, sectors: [
          { code: 'S1', label: { ru: 'Сектор 1' }, places: [{ code: 'P1', label: { ru: 'Место 1' }, areaM2: 100 }, { code: 'P2', label: { ru: 'Место 2' }, areaM2: 250.5 }] },
          { code: 'S2', label: { ru: 'Сектор 2' }, places: [{ code: 'P3', label: { ru: 'Место 3' } }] },
        ] },
      ],
    },
    { code: 'PH', label: { ru: 'Аптека', en: 'Pharmacy' }, department: 'INFRASTRUCTURE', zones: [] },
    { code: 'CU', label: { ru: 'Таможня', en: 'Customs' }, department: 'VED', zones: [] },
  ],
}

const place = (id: string, path: string, termYears: number | null, priceMinor: number | null): ObjectItem => {
  const [objectType = '', zone = '', sector = '', placeCode = ''] = path.split('/')
  return { id, kind: 'object', objectType, zone, sector, place: placeCode, volume: '', termYears, priceMinor }
}
const service: SaleItem = { id: 'v', kind: 'ved', service: 'SVH', volume: '', termYears: 1, priceMinor: 999 }

describe('clients by status step', () => {
  const status = (level: string, subStatus: string | null = null, inactive = false): ClientStatus => ({ level, subStatus, inactive })

  it('counts each company once: on its level, under its detail, or as inactive or unreadable', () => {
    const steps = clientsByStep([
      status('NEW'), status('NEW'),
      status('TERMS', 'TERMS_SENT'), status('TERMS', 'TERMS_SENT'), status('TERMS', 'TERMS_AGREED'), status('TERMS'),
      status('S12_LOI'),
      status('LOI_SIGNING', 'LOI_DOCS', true),
      null,
    ])
    const count = (key: string) => steps.rows.find((row) => row.key === key)?.count
    expect(steps.total).toBe(9)
    expect(count('NEW')).toBe(2)
    expect(count('TERMS')).toBe(4)
    expect(count('TERMS/TERMS_SENT')).toBe(2)
    expect(count('TERMS/TERMS_AGREED')).toBe(1)
    expect(count('TERMS/')).toBe(1)
    expect(count('S12_LOI')).toBe(1)
    // The inactive client is not on its level any more.
    expect(count('LOI_SIGNING')).toBe(0)
    expect(count('LOI_SIGNING/LOI_DOCS')).toBeUndefined()
    expect(count('INACTIVE')).toBe(1)
    expect(count('UNKNOWN')).toBe(1)
    // Level rows + inactive + unknown = all companies.
    expect(steps.rows.filter((row) => row.depth === 0).reduce((sum, row) => sum + row.count, 0)).toBe(9)
  })

  it('shows the whole ladder, steps nobody stands on with 0, and names the sectors 1–2 ladder', () => {
    const steps = clientsByStep([])
    expect(steps.rows.filter((row) => row.depth === 0).map((row) => row.key)).toEqual([
      'NEW', 'TERMS', 'LOI_SIGNING', 'CONTRACT_APPROVAL', 'CONTRACT_SIGNING', 'DEPOSIT', 'ACCEPTANCE',
      'S12_INTEREST', 'S12_NEGOTIATIONS', 'S12_LOI', 'S12_PROJECT_REVIEW', 'S12_CONTRACT_SIGNING', 'INACTIVE',
    ])
    expect(steps.rows.every((row) => row.count === 0)).toBe(true)
    expect(steps.rows.find((row) => row.key === 'S12_CONTRACT_SIGNING')?.ladder).toBe('SECTORS_1_2')
    expect(steps.rows.find((row) => row.key === 'CONTRACT_SIGNING')?.ladder).toBe('GENERAL')
    expect(steps.rows.find((row) => row.key === 'NEW')?.ladder).toBeNull()
  })
})

describe('sales by object type, zone and sector', () => {
  const deals: SaleDeal[] = [
    // Won: two places in WH/A/S1 (100 + 250.5 m²), terms 3 and 5 years, 1 000 000,00 + 500 000,00 ₽.
    { dealId: 1, semantic: 'S', currency: 'RUB', items: [place('a', 'WH/A/S1/P1', 3, 100_000_000), place('b', 'WH/A/S1/P2', 5, 50_000_000), service] },
    // In work: a place of WH/A/S2 without an area in the directory and without a term.
    { dealId: 2, semantic: 'P', currency: 'RUB', items: [place('c', 'WH/A/S2/P3', null, 20_000_000)] },
    // Lost: sold nothing.
    { dealId: 3, semantic: 'F', currency: 'RUB', items: [place('d', 'WH/A/S1/P1', 10, 70_000_000)] },
    // In dollars: its place counts, its price is not added to roubles.
    { dealId: 4, semantic: 'P', currency: 'USD', items: [place('e', 'PH/Z/S/P9', 2, 1_000_00)] },
    // A type the directory lost.
    { dealId: 5, semantic: 'S', currency: 'RUB', items: [place('f', 'OLD/Z1/S1/X', 1, 5_000_00)] },
  ]
  const sales = salesByObject(deals, directory, 'RUB')
  const row = (key: string) => sales.rows.find((r) => r.key === key)!

  it('sums places, area, terms and prices per level', () => {
    expect(row('WH').figures).toEqual({ deals: 2, won: 1, places: 3, areaM2: 350.5, termItems: 2, termSum: 8, amount: 170_000_000 })
    expect(row('WH/A/S1').figures).toEqual({ deals: 1, won: 1, places: 2, areaM2: 350.5, termItems: 2, termSum: 8, amount: 150_000_000 })
    expect(averageTerm(row('WH/A/S1').figures)).toBe(4)
    expect(row('WH/A/S2').figures).toMatchObject({ deals: 1, won: 0, places: 1, areaM2: 0, termItems: 0, amount: 20_000_000 })
    expect(averageTerm(row('WH/A/S2').figures)).toBeNull()
    expect(row('PH').figures).toMatchObject({ deals: 1, places: 1, termSum: 2, amount: 0 })
    expect(sales.otherCurrencyDeals).toBe(1)
    expect(sales.total).toEqual({ deals: 4, won: 2, places: 5, areaM2: 350.5, termItems: 4, termSum: 11, amount: 170_500_000 })
  })

  it('lists the directory order first, the lost codes after, unnamed', () => {
    expect(sales.rows.map((r) => [r.key, r.depth])).toEqual([
      ['WH', 0], ['WH/A', 1], ['WH/A/S1', 2], ['WH/A/S2', 2],
      ['PH', 0], ['PH/Z', 1], ['PH/Z/S', 2],
      ['OLD', 0], ['OLD/Z1', 1], ['OLD/Z1/S1', 2],
    ])
    expect(row('PH/Z').label).toBeNull()
    expect(row('OLD').label).toBeNull()
    expect(row('WH/A').label).toEqual({ ru: 'Зона A' })
  })
})

describe('leads by object type', () => {
  it('counts in work, converted and junk under each type, types grouped by their department', () => {
    const { rows, total } = leadsByObjectType(
      [
        { objectType: 'WH', semantic: 'P' }, { objectType: 'WH', semantic: 'S' }, { objectType: 'WH', semantic: 'F' }, { objectType: 'WH', semantic: 'P' },
        { objectType: 'CU', semantic: 'S' },
        { objectType: null, semantic: 'P' },
        { objectType: 'GONE', semantic: 'F' },
      ],
      directory,
    )
    // Приложение 1's order of departments: infrastructure, warehouse, VED.
    expect(rows.map((r) => [r.code, r.department])).toEqual([['PH', 'INFRASTRUCTURE'], ['WH', 'WAREHOUSE'], ['CU', 'VED'], ['GONE', null], ['', null]])
    expect(rows[0]!.figures).toEqual({ total: 0, open: 0, converted: 0, junk: 0 })
    expect(rows[1]!.figures).toEqual({ total: 4, open: 2, converted: 1, junk: 1 })
    expect(rows[2]!.figures).toEqual({ total: 1, open: 0, converted: 1, junk: 0 })
    expect(rows[4]!.figures).toEqual({ total: 1, open: 1, converted: 0, junk: 0 })
    expect(total).toEqual({ total: 7, open: 3, converted: 2, junk: 2 })
  })
})

describe('communications per year', () => {
  const comment = (type: 'LEAD_OR_CARD' | 'SIGNING' | 'AFTER_SALES', date: string, tag = '') => ({
    COMMENT: historyEventToComment({ type, date, comment: 'Обсудили условия', files: [] }) + tag,
  })

  it('takes the history events from the timeline comments and leaves other comments out', () => {
    const events = communicationEventsOf(7, [
      comment('SIGNING', '2025-12-31', '\n[b24app:history-1]'),
      { COMMENT: 'Просто заметка' },
      { COMMENT: '[Событие истории удалено] #12\n[Подписание соглашения/договора] 2025-01-01\nтекст' },
      { COMMENT: null },
    ])
    expect(events).toEqual([{ companyId: 7, date: '2025-12-31', type: 'SIGNING' }])
  })

  it('counts events per year of their date, by type, and the clients they were with', () => {
    const events = [
      ...communicationEventsOf(1, [comment('LEAD_OR_CARD', '2025-03-01'), comment('SIGNING', '2025-12-31'), comment('AFTER_SALES', '2026-01-01')]),
      ...communicationEventsOf(2, [comment('LEAD_OR_CARD', '2025-06-10')]),
      ...communicationEventsOf(3, [comment('AFTER_SALES', '2026-02-02'), comment('AFTER_SALES', '2026-02-03')]),
    ]
    const { years, total } = communicationsByYear(events)
    expect(years).toEqual([
      { year: 2025, total: 3, byType: { LEAD_OR_CARD: 2, SIGNING: 1, AFTER_SALES: 0 }, companies: 2 },
      { year: 2026, total: 3, byType: { LEAD_OR_CARD: 0, SIGNING: 0, AFTER_SALES: 3 }, companies: 2 },
    ])
    expect(total).toMatchObject({ total: 6, byType: { LEAD_OR_CARD: 2, SIGNING: 1, AFTER_SALES: 3 }, companies: 3 })
  })
})
