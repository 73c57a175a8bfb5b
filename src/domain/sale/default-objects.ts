import type { DepartmentCode, DirectoryObjectType, DirectoryZone, ObjectsDirectory } from './objects-directory'

/*
 * The default objects directory. The object types and their departments are the
 * seed's Приложение 1, word for word. The seed names no zones, sectors or places: the
 * ones below are sample data of a plausible shape, for demos and tests, that an admin
 * replaces with the park's real plan on the settings page.
 */

interface SampleShape {
  zones: readonly string[]
  sectorsPerZone: number
  placesPerSector: number
  placeWord: string
  /** Area of place n (1-based) in m². */
  area: (place: number) => number
}

const ROOMS: SampleShape = { zones: ['Основная'], sectorsPerZone: 1, placesPerSector: 3, placeWord: 'Помещение', area: (n) => 40 + 15 * n }
const WAREHOUSE: SampleShape = { zones: ['A', 'B'], sectorsPerZone: 2, placesPerSector: 4, placeWord: 'Место', area: (n) => 100 * n + 0.5 }
const CUSTOMS: SampleShape = { zones: ['СВХ'], sectorsPerZone: 2, placesPerSector: 2, placeWord: 'Склад', area: (n) => 500 * n }

function sampleZones(shape: SampleShape): DirectoryZone[] {
  return shape.zones.map((zone, zoneIndex) => ({
    code: `Z${zoneIndex + 1}`,
    label: { ru: `Зона ${zone}`, en: `Zone ${zone === 'Основная' ? 'Main' : zone === 'СВХ' ? 'TSW' : zone}` },
    sectors: Array.from({ length: shape.sectorsPerZone }, (_, sectorIndex) => ({
      code: `S${sectorIndex + 1}`,
      label: { ru: `Сектор ${sectorIndex + 1}`, en: `Sector ${sectorIndex + 1}` },
      places: Array.from({ length: shape.placesPerSector }, (_, placeIndex) => {
        const number = `${sectorIndex + 1}${String(placeIndex + 1).padStart(2, '0')}`
        return {
          code: `P${number}`,
          label: { ru: `${shape.placeWord} ${number}`, en: `No. ${number}` },
          areaM2: shape.area(placeIndex + 1),
        }
      }),
    })),
  }))
}

function objectType(code: string, ru: string, en: string, department: DepartmentCode, shape: SampleShape): DirectoryObjectType {
  return { code, label: { ru, en }, department, zones: sampleZones(shape) }
}

export function defaultObjectsDirectory(): ObjectsDirectory {
  return {
    version: 1,
    objectTypes: [
      // «Перечень объектов в зоне ответственности сектора инфраструктуры и проектов»
      objectType('SERVICE_OFFICES', 'Офисы сервисных и страховых компаний', 'Offices of service and insurance companies', 'INFRASTRUCTURE', ROOMS),
      objectType('CATERING', 'Предприятия общепита', 'Catering outlets', 'INFRASTRUCTURE', ROOMS),
      objectType('APART_HOTEL', 'Апарт-отель', 'Apart-hotel', 'INFRASTRUCTURE', ROOMS),
      objectType('STAFF_HOTEL', 'Гостиница для персонала', 'Staff hotel', 'INFRASTRUCTURE', ROOMS),
      objectType('RETAIL_SHOP', 'Розничный магазин', 'Retail shop', 'INFRASTRUCTURE', ROOMS),
      objectType('AUTO_PARTS_SHOP', 'Магазин автозапчастей', 'Car parts shop', 'INFRASTRUCTURE', ROOMS),
      objectType('PHARMACY', 'Аптека', 'Pharmacy', 'INFRASTRUCTURE', ROOMS),
      objectType('CAR_SERVICE', 'СТО', 'Car service station', 'INFRASTRUCTURE', ROOMS),
      objectType('CAR_WASH', 'Автомойка', 'Car wash', 'INFRASTRUCTURE', ROOMS),
      objectType('RETAIL_DC_PARK', 'Парк РЦ сетей', 'Retail chains’ distribution centre park', 'INFRASTRUCTURE', WAREHOUSE),
      // «… производственно – складского сектора»
      objectType('LOW_TEMP_COMPLEX', 'Низкотемпературный производственно - складской комплекс', 'Low-temperature production and warehouse complex', 'WAREHOUSE', WAREHOUSE),
      objectType('SMALL_WHOLESALE_COMPLEX', 'Многофункциональный мелкооптовый складской комплекс', 'Multi-purpose small-wholesale warehouse complex', 'WAREHOUSE', WAREHOUSE),
      objectType('ALL_SEASON_TRADE_ZONE', 'Зона всесезонной мелкооптовой торговли', 'All-season small-wholesale trading zone', 'WAREHOUSE', WAREHOUSE),
      objectType('MULTI_PRODUCTION_COMPLEX', 'Многофункциональный производственно – складской комплекс', 'Multi-purpose production and warehouse complex', 'WAREHOUSE', WAREHOUSE),
      // «… департамента ВЭД»
      objectType('CUSTOMS', 'Таможня', 'Customs', 'VED', CUSTOMS),
    ],
  }
}
