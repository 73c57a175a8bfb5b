import { z } from 'zod/mini'
import { trimmedString } from '../schema-parts'

/*
 * The objects directory (S4): object type → zone → sector → place / room, each level
 * narrowed by the one before. An admin edits it on the settings page and it is kept as
 * JSON in app options, so it is validated on every read (`parseObjectsDirectory`).
 */

export type DepartmentCode = 'INFRASTRUCTURE' | 'WAREHOUSE' | 'VED'

/** Admin-typed names: Russian is required, English optional (falls back to Russian). */
export interface DirectoryLabel {
  ru: string
  en?: string
}

export interface DirectoryPlace {
  code: string
  label: DirectoryLabel
  /** Area in m², when it has one (a room, a warehouse place). */
  areaM2?: number
}

export interface DirectorySector {
  code: string
  label: DirectoryLabel
  places: DirectoryPlace[]
}

export interface DirectoryZone {
  code: string
  label: DirectoryLabel
  sectors: DirectorySector[]
}

export interface DirectoryObjectType {
  code: string
  label: DirectoryLabel
  /** Whose responsibility it is (seed Приложение 1): decides who hears of a new lead (L3). */
  department: DepartmentCode
  zones: DirectoryZone[]
}

export interface ObjectsDirectory {
  version: 1
  objectTypes: DirectoryObjectType[]
}

export const DEPARTMENTS: readonly { code: DepartmentCode; label: Required<DirectoryLabel> }[] = [
  { code: 'INFRASTRUCTURE', label: { ru: 'Сектор инфраструктуры и проектов', en: 'Infrastructure and projects sector' } },
  { code: 'WAREHOUSE', label: { ru: 'Производственно-складской сектор', en: 'Production and warehouse sector' } },
  { code: 'VED', label: { ru: 'Департамент ВЭД', en: 'Foreign trade (VED) department' } },
]

export function labelText(label: DirectoryLabel, locale: 'ru' | 'en' = 'ru'): string {
  return (locale === 'en' ? label.en : undefined) || label.ru
}

/** Identifies a place across the whole directory; deals store it to mark the place taken. */
export interface PlacePath {
  objectType: string
  zone: string
  sector: string
  place: string
}

export function placeKey(path: PlacePath): string {
  return [path.objectType, path.zone, path.sector, path.place].join('/')
}

export function findObjectType(directory: ObjectsDirectory, code: string): DirectoryObjectType | undefined {
  return directory.objectTypes.find((objectType) => objectType.code === code)
}

export function zonesOf(directory: ObjectsDirectory, objectType: string): DirectoryZone[] {
  return findObjectType(directory, objectType)?.zones ?? []
}

export function sectorsOf(directory: ObjectsDirectory, objectType: string, zone: string): DirectorySector[] {
  return zonesOf(directory, objectType).find((entry) => entry.code === zone)?.sectors ?? []
}

export function placesOf(directory: ObjectsDirectory, objectType: string, zone: string, sector: string): DirectoryPlace[] {
  return sectorsOf(directory, objectType, zone).find((entry) => entry.code === sector)?.places ?? []
}

export function findPlace(directory: ObjectsDirectory, path: PlacePath): DirectoryPlace | undefined {
  return placesOf(directory, path.objectType, path.zone, path.sector).find((entry) => entry.code === path.place)
}

/** «Таможня / СВХ / Сектор 1 / Склад 1» for lists and product rows. */
export function describePlace(directory: ObjectsDirectory, path: PlacePath, locale: 'ru' | 'en' = 'ru'): string {
  const objectType = findObjectType(directory, path.objectType)
  const zone = objectType?.zones.find((entry) => entry.code === path.zone)
  const sector = zone?.sectors.find((entry) => entry.code === path.sector)
  const place = sector?.places.find((entry) => entry.code === path.place)
  return [
    objectType ? labelText(objectType.label, locale) : path.objectType,
    zone ? labelText(zone.label, locale) : path.zone,
    sector ? labelText(sector.label, locale) : path.sector,
    place ? labelText(place.label, locale) : path.place,
  ]
    .filter((part) => part !== '')
    .join(' / ')
}

// ---------- schema of an admin-edited directory ----------

export const DIRECTORY_MESSAGES = {
  ru: {
    kosDirectory: {
      invalidJson: 'Справочник объектов не читается как JSON',
      badCode: 'Код: латинские буквы, цифры, _ и -, до 40 знаков',
      labelRequired: 'Укажите название',
      duplicateCode: 'Такой код уже есть на этом уровне',
      badArea: 'Площадь — положительное число',
      unknownDepartment: 'Выберите подразделение',
      badVersion: 'Неизвестная версия справочника',
      required: 'Не заполнено',
      expectedList: 'Ожидается список [ … ]',
      expectedObject: 'Ожидается объект { … }',
      expectedText: 'Ожидается текст в кавычках',
      expectedNumber: 'Ожидается число',
      invalidValue: 'Недопустимое значение',
    },
  },
  en: {
    kosDirectory: {
      invalidJson: 'The objects directory is not valid JSON',
      badCode: 'Code: Latin letters, digits, _ and -, up to 40 characters',
      labelRequired: 'Enter a name',
      duplicateCode: 'This code already exists at this level',
      badArea: 'The area is a positive number',
      unknownDepartment: 'Choose a department',
      badVersion: 'Unknown directory version',
      required: 'Missing',
      expectedList: 'A list [ … ] is expected',
      expectedObject: 'An object { … } is expected',
      expectedText: 'A text in quotes is expected',
      expectedNumber: 'A number is expected',
      invalidValue: 'Not an allowed value',
    },
  },
} as const

type DirectoryMessageName = keyof (typeof DIRECTORY_MESSAGES)['ru']['kosDirectory']
const directoryMessage = (name: DirectoryMessageName) => `kosDirectory.${name}`

const EXPECTED: Partial<Record<string, DirectoryMessageName>> = { array: 'expectedList', object: 'expectedObject', string: 'expectedText', number: 'expectedNumber' }

/** Issues the schema words no message for (zod's own English text) get one of ours, so the screen never shows zod's. */
function genericMessage(issue: { code?: string; expected?: unknown; input?: unknown }): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return directoryMessage('required')
  const expected = issue.code === 'invalid_type' ? EXPECTED[String(issue.expected)] : undefined
  return directoryMessage(expected ?? 'invalidValue')
}

const codeSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,40}$/, directoryMessage('badCode')))
const labelSchema = z.object({
  ru: trimmedString().check(z.refine((text) => text !== '', directoryMessage('labelRequired'))),
  en: z.optional(trimmedString()),
})

function uniqueCodes<T extends { code: string }>(schema: z.ZodMiniType<T>) {
  return z.array(schema).check(
    z.superRefine((entries, ctx) => {
      const seen = new Set<string>()
      entries.forEach((entry, index) => {
        if (seen.has(entry.code)) ctx.addIssue({ code: 'custom', message: directoryMessage('duplicateCode'), path: [index, 'code'] })
        seen.add(entry.code)
      })
    }),
  )
}

const placeSchema = z.object({
  code: codeSchema,
  label: labelSchema,
  areaM2: z.optional(z.number().check(z.positive(directoryMessage('badArea')))),
})
const sectorSchema = z.object({ code: codeSchema, label: labelSchema, places: uniqueCodes(placeSchema) })
const zoneSchema = z.object({ code: codeSchema, label: labelSchema, sectors: uniqueCodes(sectorSchema) })
const objectTypeSchema = z.object({
  code: codeSchema,
  label: labelSchema,
  department: z.enum(['INFRASTRUCTURE', 'WAREHOUSE', 'VED'], { error: directoryMessage('unknownDepartment') }),
  zones: uniqueCodes(zoneSchema),
})

export const objectsDirectorySchema: z.ZodMiniType<ObjectsDirectory> = z.object({
  version: z.literal(1, { error: directoryMessage('badVersion') }),
  objectTypes: uniqueCodes(objectTypeSchema),
}) as z.ZodMiniType<ObjectsDirectory>

export type DirectoryRead =
  | { ok: true; directory: ObjectsDirectory }
  | { ok: false; errors: { path: string; message: string }[] }

/** Reads the admin's JSON (or an already parsed value); the caller keeps the previous directory on failure. */
export function parseObjectsDirectory(input: string | unknown): DirectoryRead {
  let value: unknown = input
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input)
    } catch {
      return { ok: false, errors: [{ path: '', message: directoryMessage('invalidJson') }] }
    }
  }
  const result = objectsDirectorySchema.safeParse(value, { error: genericMessage })
  if (result.success) return { ok: true, directory: result.data }
  return { ok: false, errors: result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) }
}
