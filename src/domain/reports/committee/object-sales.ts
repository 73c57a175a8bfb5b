import type { SaleItem } from '@/domain/sale/items'
import { findPlace, type DirectoryLabel, type ObjectsDirectory } from '@/domain/sale/objects-directory'
import type { StageSemantic } from '../types'

/*
 * Committee report «Продажи по объектам» (seed Kosino «Отчётность», «Данные о продажах», issue 15):
 * the places sold in the deals' sale items, by object type → zone → sector of the objects
 * directory, with their area (the directory's m²), their count and the agreed term. A lost deal
 * sold nothing and is left out; a deal in work counts, its won part is shown apart.
 */

export interface SaleDeal {
  dealId: number
  semantic: StageSemantic
  currency: string
  items: readonly SaleItem[]
}

export interface ObjectSalesFigures {
  /** deals with at least one place in the group */
  deals: number
  /** of them won */
  won: number
  /** object items (a place each) */
  places: number
  /** m² of the places the directory gives an area for */
  areaM2: number
  /** items with a term, and the sum of their terms in years: the average is termSum / termItems */
  termItems: number
  termSum: number
  /** the items' prices in minor units of the report's currency */
  amount: number
}

export type ObjectLevel = 'objectType' | 'zone' | 'sector'

export interface ObjectSalesRow {
  /** `type`, `type/zone`, `type/zone/sector` */
  key: string
  level: ObjectLevel
  depth: 0 | 1 | 2
  code: string
  /** the directory's name; null when the directory no longer has this code */
  label: DirectoryLabel | null
  figures: ObjectSalesFigures
}

export interface ObjectSales {
  rows: ObjectSalesRow[]
  total: ObjectSalesFigures
  /** deals in another currency than the report's: their places count, their prices are not added */
  otherCurrencyDeals: number
}

const empty = (): ObjectSalesFigures => ({ deals: 0, won: 0, places: 0, areaM2: 0, termItems: 0, termSum: 0, amount: 0 })

export function averageTerm(figures: ObjectSalesFigures): number | null {
  return figures.termItems > 0 ? figures.termSum / figures.termItems : null
}

/** Rows in the directory's order, codes the directory lost after them; only groups with a sale. */
export function salesByObject(deals: Iterable<SaleDeal>, directory: ObjectsDirectory, currency: string): ObjectSales {
  const groups = new Map<string, { figures: ObjectSalesFigures; deals: Set<number> }>()
  const total = { figures: empty(), deals: new Set<number>() }
  let otherCurrencyDeals = 0
  const add = (target: { figures: ObjectSalesFigures; deals: Set<number> }, deal: SaleDeal, area: number, term: number | null, amount: number) => {
    const f = target.figures
    if (!target.deals.has(deal.dealId)) {
      target.deals.add(deal.dealId)
      f.deals++
      if (deal.semantic === 'S') f.won++
    }
    f.places++
    f.areaM2 += area
    if (term !== null) {
      f.termItems++
      f.termSum += term
    }
    f.amount += amount
  }
  for (const deal of deals) {
    if (deal.semantic === 'F') continue
    const sameCurrency = deal.currency === currency
    let counted = false
    for (const item of deal.items) {
      if (item.kind !== 'object' || item.objectType === '') continue
      counted = true
      const area = findPlace(directory, item)?.areaM2 ?? 0
      const term = item.termYears !== null && item.termYears > 0 ? item.termYears : null
      const amount = sameCurrency ? (item.priceMinor ?? 0) : 0
      for (const key of [item.objectType, `${item.objectType}/${item.zone}`, `${item.objectType}/${item.zone}/${item.sector}`]) {
        if (key.endsWith('/')) continue
        let group = groups.get(key)
        if (!group) groups.set(key, (group = { figures: empty(), deals: new Set() }))
        add(group, deal, area, term, amount)
      }
      add(total, deal, area, term, amount)
    }
    if (counted && !sameCurrency) otherCurrencyDeals++
  }

  const rows: ObjectSalesRow[] = []
  const placed = new Set<string>()
  const push = (key: string, level: ObjectLevel, code: string, label: DirectoryLabel | null) => {
    const group = groups.get(key)
    if (!group || placed.has(key)) return
    placed.add(key)
    rows.push({ key, level, depth: level === 'objectType' ? 0 : level === 'zone' ? 1 : 2, code, label, figures: group.figures })
  }
  const known = (prefix: string) => [...groups.keys()].filter((key) => key.startsWith(`${prefix}/`) && !key.slice(prefix.length + 1).includes('/'))
  const visitType = (code: string, label: DirectoryLabel | null) => {
    push(code, 'objectType', code, label)
    const type = directory.objectTypes.find((entry) => entry.code === code)
    for (const zone of type?.zones ?? []) {
      push(`${code}/${zone.code}`, 'zone', zone.code, zone.label)
      for (const sector of zone.sectors) push(`${code}/${zone.code}/${sector.code}`, 'sector', sector.code, sector.label)
      for (const key of known(`${code}/${zone.code}`)) push(key, 'sector', key.split('/')[2]!, null)
    }
    for (const zoneKey of known(code)) {
      push(zoneKey, 'zone', zoneKey.split('/')[1]!, null)
      for (const key of known(zoneKey)) push(key, 'sector', key.split('/')[2]!, null)
    }
  }
  for (const type of directory.objectTypes) visitType(type.code, type.label)
  for (const key of [...groups.keys()].filter((k) => !k.includes('/'))) if (!placed.has(key)) visitType(key, null)
  return { rows, total: total.figures, otherCurrencyDeals }
}
