import { numberFormat } from '../intl-cache'
import { formatMoney, sumMinor, type MinorUnits, type MoneyLocale } from '../money'
import { ITEM_KINDS, servicesOfKind, type ItemKind } from './catalog'
import type { SaleItem } from './items'
import { describePlace, findPlace, type ObjectsDirectory } from './objects-directory'

/*
 * The tab's total in the seed's form «услуга/площадь, сумма, срок» (S3), per kind and
 * overall. Sums are exact integer kopecks; areas are added in hundredths of m² so that
 * 0,1 + 0,2 stays 0,3. Items still without a price count as 0 until validation stops them.
 */

export interface KindTotal {
  kind: ItemKind
  count: number
  sumMinor: MinorUnits
  /** Σ of the places' areas, m²; null when no item of the kind has one. */
  areaM2: number | null
  /** Service names in first-seen order (for objects: the object types). */
  services: string[]
  termMinYears: number | null
  termMaxYears: number | null
}

export interface SaleTotals {
  byKind: Record<ItemKind, KindTotal>
  overall: Omit<KindTotal, 'kind'>
}

function totalOf(items: readonly SaleItem[], directory: ObjectsDirectory, locale: MoneyLocale): Omit<KindTotal, 'kind'> {
  const terms = items.flatMap((item) => (item.termYears === null ? [] : [item.termYears]))
  const areas = items.flatMap((item) => {
    const area = item.kind === 'object' ? findPlace(directory, item)?.areaM2 : undefined
    return area === undefined ? [] : [Math.round(area * 100)]
  })
  return {
    count: items.length,
    sumMinor: sumMinor(items.map((item) => item.priceMinor ?? 0)),
    areaM2: areas.length === 0 ? null : areas.reduce((sum, area) => sum + area, 0) / 100,
    services: [...new Set(items.map((item) => itemServiceName(item, directory, locale)).filter((name) => name !== ''))],
    termMinYears: terms.length === 0 ? null : Math.min(...terms),
    termMaxYears: terms.length === 0 ? null : Math.max(...terms),
  }
}

export function saleTotals(items: readonly SaleItem[], directory: ObjectsDirectory, locale: MoneyLocale = 'ru'): SaleTotals {
  const byKind = Object.fromEntries(
    ITEM_KINDS.map(({ code }) => [code, { kind: code, ...totalOf(items.filter((item) => item.kind === code), directory, locale) }]),
  ) as Record<ItemKind, KindTotal>
  return { byKind, overall: totalOf(items, directory, locale) }
}

/** An object's type name, or a service's name. */
function itemServiceName(item: SaleItem, directory: ObjectsDirectory, locale: MoneyLocale): string {
  if (item.kind === 'object') {
    const objectType = directory.objectTypes.find((entry) => entry.code === item.objectType)
    return objectType ? (locale === 'en' && objectType.label.en) || objectType.label.ru : item.objectType
  }
  return servicesOfKind(item.kind).find((service) => service.code === item.service)?.label[locale] ?? item.service
}

/** The item's own title: the place's full path or the service's name. */
export function itemTitle(item: SaleItem, directory: ObjectsDirectory, locale: MoneyLocale = 'ru'): string {
  return item.kind === 'object' ? describePlace(directory, item, locale) : itemServiceName(item, directory, locale)
}

// ---------- words ----------

function ruPlural(n: number, one: string, few: string, many: string): string {
  const lastTwo = Math.abs(n) % 100
  const last = lastTwo % 10
  if (last === 1 && lastTwo !== 11) return one
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return few
  return many
}

/** «1 год», «3 года», «1–5 лет»; «1 year», «1–3 years». */
export function formatTerm(minYears: number | null, maxYears: number | null, locale: MoneyLocale = 'ru'): string {
  if (minYears === null || maxYears === null) return '—'
  const span = minYears === maxYears ? `${maxYears}` : `${minYears}–${maxYears}`
  if (locale === 'en') return `${span} ${maxYears === 1 && minYears === 1 ? 'year' : 'years'}`
  return `${span} ${ruPlural(maxYears, 'год', 'года', 'лет')}`
}

export function formatArea(areaM2: number, locale: MoneyLocale = 'ru'): string {
  const number = numberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 2 }).format(areaM2)
  return `${number} ${locale === 'ru' ? 'м²' : 'm²'}`
}

function countWord(n: number, kind: ItemKind | 'all', locale: MoneyLocale): string {
  if (locale === 'en') return `${n} ${kind === 'object' ? (n === 1 ? 'place' : 'places') : n === 1 ? 'item' : 'items'}`
  return kind === 'object' ? `${n} ${ruPlural(n, 'место', 'места', 'мест')}` : `${n} ${ruPlural(n, 'позиция', 'позиции', 'позиций')}`
}

const KIND_CAPTIONS: Record<ItemKind | 'all', Record<MoneyLocale, string>> = {
  object: { ru: 'Объекты', en: 'Objects' },
  ved: { ru: 'Услуги ВЭД', en: 'Customs (VED) services' },
  '3pl': { ru: 'Услуги 3PL', en: '3PL services' },
  all: { ru: 'Итого', en: 'Total' },
}

/** «Объекты: 2 места, 240,5 м², 2 400 000,00 ₽, 1–3 года» — услуга/площадь, сумма, срок. */
export function describeTotal(
  total: Omit<KindTotal, 'kind'>,
  kind: ItemKind | 'all',
  currency: string,
  locale: MoneyLocale = 'ru',
): string {
  const what =
    kind === 'ved' || kind === '3pl'
      ? total.services.join(', ') || countWord(total.count, kind, locale)
      : [countWord(total.count, kind, locale), total.areaM2 === null ? '' : formatArea(total.areaM2, locale)].filter(Boolean).join(', ')
  return `${KIND_CAPTIONS[kind][locale]}: ${what}, ${formatMoney(total.sumMinor, currency, locale)}, ${formatTerm(total.termMinYears, total.termMaxYears, locale)}`
}

/** One item in the same form: «Таможня / Зона СВХ / Сектор 1 / Склад 101 (500 м²), 1 000,00 ₽, 2 года». */
export function describeItem(item: SaleItem, directory: ObjectsDirectory, currency: string, locale: MoneyLocale = 'ru'): string {
  const area = item.kind === 'object' ? findPlace(directory, item)?.areaM2 : undefined
  const title = itemTitle(item, directory, locale) + (area === undefined ? '' : ` (${formatArea(area, locale)})`)
  return `${title}, ${formatMoney(item.priceMinor ?? 0, currency, locale)}, ${formatTerm(item.termYears, item.termYears, locale)}`
}

/** The lines the tab shows under the items: a line per kind present, then the total. */
export function summaryLines(items: readonly SaleItem[], directory: ObjectsDirectory, currency: string, locale: MoneyLocale = 'ru'): string[] {
  const totals = saleTotals(items, directory, locale)
  const perKind = ITEM_KINDS.filter(({ code }) => totals.byKind[code].count > 0).map(({ code }) =>
    describeTotal(totals.byKind[code], code, currency, locale),
  )
  return [...perKind, describeTotal(totals.overall, 'all', currency, locale)]
}
