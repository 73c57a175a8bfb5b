// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  DEPARTMENTS,
  ITEM_KINDS,
  SALE_KINDS,
  THREE_PL_SERVICES,
  VED_SERVICES,
  defaultObjectsDirectory,
  describePlace,
  findPlace,
  objectsDirectorySchema,
  parseObjectsDirectory,
  placesOf,
  sectorsOf,
  zonesOf,
} from '@/domain/sale'
import { directory } from './fixtures'

const ru = (entries: readonly { label: { ru: string } }[]) => entries.map((entry) => entry.label.ru)

describe('catalogs (S1, S2)', () => {
  it('has the sale kinds and the item kinds', () => {
    expect(ru(SALE_KINDS)).toEqual(['LOI', 'Договор'])
    expect(ITEM_KINDS.map((kind) => kind.code)).toEqual(['object', 'ved', '3pl'])
  })

  it('has the four ВЭД services', () => {
    expect(ru(VED_SERVICES)).toEqual([
      'Склад временного хранения',
      'Фитосанитарный контроль',
      'Ветеринарный контроль',
      'Услуги таможенного представителя',
    ])
  })

  it('has the thirteen 3PL services as the seed spells them', () => {
    expect(ru(THREE_PL_SERVICES)).toEqual([
      'Ответственное хранение',
      'Подборка заказа',
      'Переработка',
      'Калибровка',
      'Упаковка',
      'Сборка',
      'Маркировка',
      'Камеры шоковой заморозки',
      'Контроль сроков годности',
      'Мониторинг остатков товара',
      'Погрузочно – разгрузочные операции',
      'Транспортировка (внутри/за пределами ППК)',
      'Учёт в системе «Меркурий»',
    ])
  })
})

describe('default objects directory (Приложение 1)', () => {
  it('lists the seed’s objects per department', () => {
    const byDepartment = (code: string) => directory.objectTypes.filter((type) => type.department === code).map((type) => type.label.ru)
    expect(byDepartment('INFRASTRUCTURE')).toEqual([
      'Офисы сервисных и страховых компаний',
      'Предприятия общепита',
      'Апарт-отель',
      'Гостиница для персонала',
      'Розничный магазин',
      'Магазин автозапчастей',
      'Аптека',
      'СТО',
      'Автомойка',
      'Парк РЦ сетей',
    ])
    expect(byDepartment('WAREHOUSE')).toEqual([
      'Низкотемпературный производственно - складской комплекс',
      'Многофункциональный мелкооптовый складской комплекс',
      'Зона всесезонной мелкооптовой торговли',
      'Многофункциональный производственно – складской комплекс',
    ])
    expect(byDepartment('VED')).toEqual(['Таможня'])
    expect(DEPARTMENTS.map((department) => department.code)).toEqual(['INFRASTRUCTURE', 'WAREHOUSE', 'VED'])
  })

  it('passes its own schema', () => {
    expect(objectsDirectorySchema.safeParse(defaultObjectsDirectory()).success).toBe(true)
  })

  it('narrows each list by the choice before it', () => {
    expect(zonesOf(directory, 'LOW_TEMP_COMPLEX').map((zone) => zone.label.ru)).toEqual(['Зона A', 'Зона B'])
    expect(sectorsOf(directory, 'LOW_TEMP_COMPLEX', 'Z2').map((sector) => sector.code)).toEqual(['S1', 'S2'])
    expect(placesOf(directory, 'LOW_TEMP_COMPLEX', 'Z2', 'S2').map((place) => place.label.ru)).toEqual([
      'Место 201',
      'Место 202',
      'Место 203',
      'Место 204',
    ])
    expect(placesOf(directory, 'PHARMACY', 'Z1', 'S1').map((place) => place.areaM2)).toEqual([55, 70, 85])
    expect(zonesOf(directory, 'NOPE')).toEqual([])
    expect(sectorsOf(directory, 'PHARMACY', 'Z9')).toEqual([])
    expect(placesOf(directory, 'PHARMACY', 'Z1', 'S9')).toEqual([])
  })

  it('describes and finds a place by its path', () => {
    const path = { objectType: 'CUSTOMS', zone: 'Z1', sector: 'S2', place: 'P202' }
    expect(describePlace(directory, path)).toBe('Таможня / Зона СВХ / Сектор 2 / Склад 202')
    expect(describePlace(directory, path, 'en')).toBe('Customs / Zone TSW / Sector 2 / No. 202')
    expect(findPlace(directory, path)?.areaM2).toBe(1000)
    expect(findPlace(directory, { ...path, place: 'P999' })).toBeUndefined()
  })
})

describe('admin-edited directory', () => {
  const minimal = {
    version: 1,
    objectTypes: [
      {
        code: 'HALL',
        label: { ru: ' Зал ' },
        department: 'WAREHOUSE',
        zones: [{ code: 'Z', label: { ru: 'Зона' }, sectors: [{ code: 'S', label: { ru: 'Сектор' }, places: [{ code: 'P-1', label: { ru: 'Место 1' }, areaM2: 12.5 }] }] }],
      },
    ],
  }

  it('accepts a valid JSON text and trims names', () => {
    const result = parseObjectsDirectory(JSON.stringify(minimal))
    expect(result.ok && result.directory.objectTypes[0]?.label).toEqual({ ru: 'Зал' })
    expect(result.ok && describePlace(result.directory, { objectType: 'HALL', zone: 'Z', sector: 'S', place: 'P-1' }, 'en')).toBe(
      'Зал / Зона / Сектор / Место 1',
    )
  })

  it('refuses broken JSON, versions, codes, names, areas, departments and duplicates with message keys', () => {
    expect(parseObjectsDirectory('{not json')).toEqual({ ok: false, errors: [{ path: '', message: 'kosDirectory.invalidJson' }] })
    const errorsOf = (value: unknown) => {
      const result = parseObjectsDirectory(value)
      return result.ok ? [] : result.errors
    }
    expect(errorsOf({ ...minimal, version: 2 })).toEqual([{ path: 'version', message: 'kosDirectory.badVersion' }])
    const type = minimal.objectTypes[0]!
    expect(errorsOf({ ...minimal, objectTypes: [{ ...type, code: 'зал' }] })).toEqual([{ path: 'objectTypes.0.code', message: 'kosDirectory.badCode' }])
    expect(errorsOf({ ...minimal, objectTypes: [{ ...type, label: { ru: '  ' } }] })).toEqual([
      { path: 'objectTypes.0.label.ru', message: 'kosDirectory.labelRequired' },
    ])
    expect(errorsOf({ ...minimal, objectTypes: [{ ...type, department: 'IT' }] })).toEqual([
      { path: 'objectTypes.0.department', message: 'kosDirectory.unknownDepartment' },
    ])
    expect(errorsOf({ ...minimal, objectTypes: [type, type] })).toEqual([{ path: 'objectTypes.1.code', message: 'kosDirectory.duplicateCode' }])
    const zone = type.zones[0]!
    const sector = zone.sectors[0]!
    const place = sector.places[0]!
    const withPlaces = (places: unknown[]) => ({ ...minimal, objectTypes: [{ ...type, zones: [{ ...zone, sectors: [{ ...sector, places }] }] }] })
    expect(errorsOf(withPlaces([place, place]))).toEqual([{ path: 'objectTypes.0.zones.0.sectors.0.places.1.code', message: 'kosDirectory.duplicateCode' }])
    expect(errorsOf(withPlaces([{ ...place, areaM2: 0 }]))).toEqual([
      { path: 'objectTypes.0.zones.0.sectors.0.places.0.areaM2', message: 'kosDirectory.badArea' },
    ])
  })
})
