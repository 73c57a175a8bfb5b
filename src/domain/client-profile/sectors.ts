import type { LocalizedText } from '../fields/types'

/** «Сектор» of a client (P1), with the decoding shown beside the select. */
export type SectorCode = 'SECTOR_1' | 'SECTOR_2' | 'SECTOR_3' | 'SECTOR_4' | 'SECTOR_5' | 'SECTOR_6' | 'SECTOR_7' | 'SECTOR_VED'

export interface Sector {
  code: SectorCode
  label: LocalizedText
  description: LocalizedText
}

export const SECTORS: readonly Sector[] = [
  {
    code: 'SECTOR_1',
    label: { ru: 'Сектор 1', en: 'Sector 1' },
    description: { ru: 'ФРОВ, бакалея, молочная продукция', en: 'Fruit and vegetables (FROV), grocery, dairy' },
  },
  {
    code: 'SECTOR_2',
    label: { ru: 'Сектор 2', en: 'Sector 2' },
    description: {
      ru: 'Заморозка. Рыбная / мясная продукция, овощи, фрукты',
      en: 'Frozen goods. Fish / meat, vegetables, fruit',
    },
  },
  { code: 'SECTOR_3', label: { ru: 'Сектор 3', en: 'Sector 3' }, description: { ru: 'Ритейл', en: 'Retail' } },
  {
    code: 'SECTOR_4',
    label: { ru: 'Сектор 4', en: 'Sector 4' },
    description: { ru: 'Дистрибуция / BTS', en: 'Distribution / BTS' },
  },
  {
    code: 'SECTOR_5',
    label: { ru: 'Сектор 5', en: 'Sector 5' },
    description: { ru: 'Инфраструктура. Гостиница/Общепит', en: 'Infrastructure. Hotel / catering' },
  },
  {
    code: 'SECTOR_6',
    label: { ru: 'Сектор 6', en: 'Sector 6' },
    description: { ru: 'Инфраструктура. Прочее', en: 'Infrastructure. Other' },
  },
  {
    code: 'SECTOR_7',
    label: { ru: 'Сектор 7', en: 'Sector 7' },
    description: { ru: 'Логистика/3PL', en: 'Logistics / 3PL' },
  },
  // The seed gives no decoding for this one: the name says it all.
  { code: 'SECTOR_VED', label: { ru: 'Сектор ВЭД', en: 'Foreign trade (VED) sector' }, description: { ru: '', en: '' } },
]

export function findSector(code: string | null | undefined): Sector | undefined {
  return SECTORS.find((sector) => sector.code === code)
}

/** «Сектор 1 – ФРОВ, бакалея, молочная продукция», as the seed writes it. */
export function sectorCaption(sector: Sector, locale: keyof LocalizedText = 'ru'): string {
  const description = sector.description[locale]
  return description ? `${sector.label[locale]} – ${description}` : sector.label[locale]
}
