import type { LocalizedText } from '../fields/types'

/** «Вид продажи» (S1). */
export type SaleKindCode = 'LOI' | 'CONTRACT'

export const SALE_KINDS: readonly { code: SaleKindCode; label: LocalizedText }[] = [
  { code: 'LOI', label: { ru: 'LOI', en: 'LOI' } },
  { code: 'CONTRACT', label: { ru: 'Договор', en: 'Contract' } },
]

/** The three kinds of sold items (S2). */
export type ItemKind = 'object' | 'ved' | '3pl'

export const ITEM_KINDS: readonly { code: ItemKind; label: LocalizedText }[] = [
  { code: 'object', label: { ru: 'Складское хранение/инфраструктурные объекты', en: 'Warehouse / infrastructure objects' } },
  { code: 'ved', label: { ru: 'Услуга ВЭД', en: 'Customs (VED) service' } },
  { code: '3pl', label: { ru: 'Услуги 3PL', en: '3PL services' } },
]

export interface ServiceKind {
  code: string
  label: LocalizedText
}

/** «Вид услуги» of a ВЭД item, the seed's four. */
export const VED_SERVICES: readonly ServiceKind[] = [
  { code: 'TEMP_STORAGE', label: { ru: 'Склад временного хранения', en: 'Temporary storage warehouse' } },
  { code: 'PHYTOSANITARY', label: { ru: 'Фитосанитарный контроль', en: 'Phytosanitary control' } },
  { code: 'VETERINARY', label: { ru: 'Ветеринарный контроль', en: 'Veterinary control' } },
  { code: 'CUSTOMS_REPRESENTATIVE', label: { ru: 'Услуги таможенного представителя', en: 'Customs representative services' } },
]

/** «Вид услуги» of a 3PL item, the seed's thirteen. */
export const THREE_PL_SERVICES: readonly ServiceKind[] = [
  { code: 'CUSTODY', label: { ru: 'Ответственное хранение', en: 'Custody storage' } },
  { code: 'PICKING', label: { ru: 'Подборка заказа', en: 'Order picking' } },
  { code: 'PROCESSING', label: { ru: 'Переработка', en: 'Processing' } },
  { code: 'CALIBRATION', label: { ru: 'Калибровка', en: 'Sizing' } },
  { code: 'PACKING', label: { ru: 'Упаковка', en: 'Packing' } },
  { code: 'ASSEMBLY', label: { ru: 'Сборка', en: 'Assembly' } },
  { code: 'LABELLING', label: { ru: 'Маркировка', en: 'Labelling' } },
  { code: 'BLAST_FREEZING', label: { ru: 'Камеры шоковой заморозки', en: 'Blast freezing chambers' } },
  { code: 'SHELF_LIFE', label: { ru: 'Контроль сроков годности', en: 'Shelf-life control' } },
  { code: 'STOCK_MONITORING', label: { ru: 'Мониторинг остатков товара', en: 'Stock level monitoring' } },
  { code: 'LOADING', label: { ru: 'Погрузочно – разгрузочные операции', en: 'Loading and unloading' } },
  { code: 'TRANSPORT', label: { ru: 'Транспортировка (внутри/за пределами ППК)', en: 'Transport (inside / outside the park)' } },
  { code: 'MERCURY', label: { ru: 'Учёт в системе «Меркурий»', en: 'Records in the «Mercury» system' } },
]

export function servicesOfKind(kind: 'ved' | '3pl'): readonly ServiceKind[] {
  return kind === 'ved' ? VED_SERVICES : THREE_PL_SERVICES
}
