// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  COMPANY_PROFILES,
  PRODUCT_CATEGORIES,
  SECTORS,
  TURNOVER_UNITS,
  findSector,
  normalizeForSearch,
  searchCompanyProfiles,
  sectorCaption,
  turnoverYears,
  HISTORY_EVENT_TYPES,
} from '@/domain/client-profile'

const ru = (entries: readonly { label: { ru: string } }[]) => entries.map((entry) => entry.label.ru)

describe('sectors (P1)', () => {
  it('lists the eight sectors with the seed decoding', () => {
    expect(SECTORS.map((sector) => sectorCaption(sector))).toEqual([
      'Сектор 1 – ФРОВ, бакалея, молочная продукция',
      'Сектор 2 – Заморозка. Рыбная / мясная продукция, овощи, фрукты',
      'Сектор 3 – Ритейл',
      'Сектор 4 – Дистрибуция / BTS',
      'Сектор 5 – Инфраструктура. Гостиница/Общепит',
      'Сектор 6 – Инфраструктура. Прочее',
      'Сектор 7 – Логистика/3PL',
      'Сектор ВЭД',
    ])
    expect(sectorCaption(findSector('SECTOR_3')!, 'en')).toBe('Sector 3 – Retail')
    expect(findSector('SECTOR_9')).toBeUndefined()
  })
})

describe('company profiles (P2)', () => {
  it('holds the seed list once each, in the seed order', () => {
    const labels = ru(COMPANY_PROFILES)
    expect(labels).toHaveLength(43)
    expect(new Set(labels).size).toBe(43)
    expect(new Set(COMPANY_PROFILES.map((profile) => profile.code)).size).toBe(43)
    expect(labels.slice(0, 3)).toEqual(['Производство', 'HoReCa', 'Ассоциации и союзы'])
    expect(labels.slice(-4)).toEqual(['Гостиница', 'Вендинг', 'Сервисная компания', 'E - commerce'])
    expect(labels).toContain('ФРОВ – Хаб')
    expect(labels).toContain('Производители и импортёры')
    expect(labels).toContain('Производители, оптовая торговля')
  })

  it('searches regardless of case and ё/е, prefix matches first', () => {
    expect(ru(searchCompanyProfiles('ПРОИЗВОДИТЕЛИ ИМПОРТЕРЫ'))).toEqual(['Производители и импортёры'])
    expect(ru(searchCompanyProfiles('импортёр'))).toEqual([
      'Импортер',
      'Оптовая компания, импортер',
      'Производители и импортёры',
      'Производитель импортер',
    ])
    expect(ru(searchCompanyProfiles('фров-хаб'))).toEqual([])
    expect(ru(searchCompanyProfiles('фров – хаб'))).toEqual(['ФРОВ – Хаб'])
    // Each word is a substring («в» is inside «поставщик»); the one starting with the whole query comes first.
    expect(ru(searchCompanyProfiles('  поставщик   в  '))).toEqual([
      'Поставщик в сети',
      'Поставщик',
      'Поставщик кухонного оборудования',
      'Поставщик уборочной техники',
    ])
    expect(ru(searchCompanyProfiles('hotel'))).toEqual(['Гостиница'])
    expect(searchCompanyProfiles('')).toHaveLength(43)
    expect(searchCompanyProfiles('нет такого')).toEqual([])
  })

  it('normalizes text for search', () => {
    expect(normalizeForSearch('  ЁЛКА —  Ель ')).toBe('елка - ель')
  })
})

describe('other directories', () => {
  it('has the eight product categories', () => {
    expect(ru(PRODUCT_CATEGORIES)).toEqual([
      'Без категории',
      'Бакалея',
      'Молочные продукты',
      'Мясо и мясные продукты',
      'Напитки',
      'Продукты питания',
      'Рыба и морепродукты',
      'Фрукты и овощи',
    ])
  })

  it('has the turnover units and a ten-year list ending at the current year', () => {
    expect(ru(TURNOVER_UNITS)).toEqual(['Тыс. тонн', 'Рубль'])
    expect(turnoverYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017])
    expect(turnoverYears(2026, 2)).toEqual([2026, 2025])
  })

  it('has the three history event types as the seed spells them', () => {
    expect(ru(HISTORY_EVENT_TYPES)).toEqual([
      'Обработка «лида»/создание карточки клиента',
      'Подписание соглашения/договора',
      'После продажное сопровождение',
    ])
  })
})
