// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  addNode,
  codePath,
  missingUsedPlaces,
  moveNode,
  nodeAt,
  nodeErrors,
  parseObjectsDirectory,
  placeUsersFrom,
  removeNode,
  suggestCode,
  updateNode,
  usersOfNode,
} from '@/domain/sale'
import type { ObjectsDirectory } from '@/domain/sale'

// Issue 16: the directory edited as a tree; places deals use are protected.

const small = (): ObjectsDirectory => ({
  version: 1,
  objectTypes: [
    {
      code: 'CUSTOMS',
      label: { ru: 'Таможня', en: 'Customs' },
      department: 'VED',
      zones: [
        {
          code: 'Z1',
          label: { ru: 'Зона СВХ' },
          sectors: [
            { code: 'S1', label: { ru: 'Сектор 1' }, places: [{ code: 'P101', label: { ru: 'Склад 101' }, areaM2: 500 }, { code: 'P102', label: { ru: 'Склад 102' } }] },
            { code: 'S2', label: { ru: 'Сектор 2' }, places: [] },
          ],
        },
      ],
    },
    { code: 'HOTEL', label: { ru: 'Гостиница' }, department: 'INFRASTRUCTURE', zones: [] },
  ],
})

const users = placeUsersFrom([
  { id: 12, title: 'СВХ — Импортёр', semantic: 'P', places: ['CUSTOMS/Z1/S1/P101'] },
  { id: 7, title: 'Склад — Выиграна', semantic: 'S', places: ['CUSTOMS/Z1/S1/P101'] },
  { id: 20, title: 'Проиграна', semantic: 'F', places: ['CUSTOMS/Z1/S1/P102'] },
])

describe('who uses a place', () => {
  it('lists the deals in work and won by ID; a lost deal frees its place', () => {
    expect(users.get('CUSTOMS/Z1/S1/P101')).toEqual([{ id: 7, title: 'Склад — Выиграна' }, { id: 12, title: 'СВХ — Импортёр' }])
    expect(users.has('CUSTOMS/Z1/S1/P102')).toBe(false)
  })

  it('a zone, sector or object type is used when a place below it is', () => {
    const directory = small()
    expect(usersOfNode(directory, [0], users).map((deal) => deal.id)).toEqual([7, 12])
    expect(usersOfNode(directory, [0, 0, 0], users).map((deal) => deal.id)).toEqual([7, 12])
    expect(usersOfNode(directory, [0, 0, 0, 1], users)).toEqual([])
    expect(usersOfNode(directory, [0, 0, 1], users)).toEqual([])
    expect(usersOfNode(directory, [1], users)).toEqual([])
  })

  it('a code prefix is not a parent: P10 does not own P101', () => {
    const directory = updateNode(small(), [0, 0, 0, 1], { code: 'P10', label: { ru: 'Склад 10' } }, users)
    expect(directory.ok && usersOfNode(directory.directory, [0, 0, 0, 1], users)).toEqual([])
  })
})

describe('editing the tree', () => {
  it('adds a place at the end of its sector and the schema accepts it', () => {
    const { directory, path } = addNode(small(), [0, 0, 0], { code: 'P103', label: { ru: 'Склад 103', en: ' ' }, areaM2: 250.5 })
    expect(path).toEqual([0, 0, 0, 2])
    expect(nodeAt(directory, path)).toEqual({ code: 'P103', label: { ru: 'Склад 103' }, areaM2: 250.5 })
    expect(parseObjectsDirectory(directory).ok).toBe(true)
    expect(nodeAt(small(), [0, 0, 0, 2])).toBeUndefined()
  })

  it('adds an object type with its department and no zones', () => {
    const { directory, path } = addNode(small(), [], { code: 'PHARMACY', label: { ru: 'Аптека' }, department: 'INFRASTRUCTURE' })
    expect(nodeAt(directory, path)).toEqual({ code: 'PHARMACY', label: { ru: 'Аптека' }, department: 'INFRASTRUCTURE', zones: [] })
  })

  it('renames a used zone (its code stays) and keeps what is under it', () => {
    const result = updateNode(small(), [0, 0], { code: 'Z1', label: { ru: 'Зона СВХ-2', en: 'TSW zone 2' } }, users)
    expect(result.ok).toBe(true)
    const zone = result.ok ? nodeAt(result.directory, [0, 0]) : undefined
    expect(zone).toMatchObject({ code: 'Z1', label: { ru: 'Зона СВХ-2', en: 'TSW zone 2' } })
    expect(result.ok && codePath(result.directory, [0, 0, 0, 0])).toEqual(['CUSTOMS', 'Z1', 'S1', 'P101'])
  })

  it('refuses a new code for a used place or any node above it, naming the deals', () => {
    expect(updateNode(small(), [0, 0, 0, 0], { code: 'P201', label: { ru: 'Склад 101' } }, users)).toEqual({
      ok: false,
      deals: [{ id: 7, title: 'Склад — Выиграна' }, { id: 12, title: 'СВХ — Импортёр' }],
    })
    expect(updateNode(small(), [0, 0], { code: 'Z9', label: { ru: 'Зона' } }, users).ok).toBe(false)
    expect(updateNode(small(), [0, 0, 0, 1], { code: 'P201', label: { ru: 'Склад 201' } }, users).ok).toBe(true)
  })

  it('refuses to remove a used place, its sector, zone or type; removes an unused one', () => {
    for (const path of [[0, 0, 0, 0], [0, 0, 0], [0, 0], [0]]) expect(removeNode(small(), path, users)).toMatchObject({ ok: false, deals: [{ id: 7 }, { id: 12 }] })
    const removed = removeNode(small(), [0, 0, 0, 1], users)
    expect(removed.ok && removed.directory.objectTypes[0]!.zones[0]!.sectors[0]!.places.map((place) => place.code)).toEqual(['P101'])
    const type = removeNode(small(), [1], users)
    expect(type.ok && type.directory.objectTypes.map((entry) => entry.code)).toEqual(['CUSTOMS'])
  })

  it('moves a node among its siblings; at the edge nothing moves', () => {
    const down = moveNode(small(), [0, 0, 0, 0], 1)
    expect(down.objectTypes[0]!.zones[0]!.sectors[0]!.places.map((place) => place.code)).toEqual(['P102', 'P101'])
    expect(moveNode(small(), [0], -1)).toEqual(small())
    expect(moveNode(small(), [1], -1).objectTypes.map((entry) => entry.code)).toEqual(['HOTEL', 'CUSTOMS'])
  })

  it('suggests a free code for a new child', () => {
    expect(suggestCode(small(), [0, 0, 0])).toBe('P3')
    expect(suggestCode(small(), [0, 0])).toBe('S3')
    expect(suggestCode(small(), [])).toBe('TYPE3')
  })
})

describe('the schema judges an edit', () => {
  it('puts the errors on the edited node’s own fields, not on its children', () => {
    const { directory, path } = addNode(small(), [0, 0, 0], { code: 'P101', label: { ru: ' ' }, areaM2: -1 })
    expect(nodeErrors(parseObjectsDirectory(directory), path)).toEqual({ code: 'kosDirectory.duplicateCode', 'label.ru': 'kosDirectory.labelRequired', areaM2: 'kosDirectory.badArea' })
    expect(nodeErrors(parseObjectsDirectory(directory), [0, 0])).toEqual({})
    expect(nodeErrors(parseObjectsDirectory(directory), [0, 0, 0, 0])).toEqual({})
  })

  it('an unreadable area is a number expected', () => {
    const { directory, path } = addNode(small(), [0, 0, 1], { code: 'P1', label: { ru: 'Место' }, areaM2: Number.NaN })
    expect(nodeErrors(parseObjectsDirectory(directory), path)).toEqual({ areaM2: 'kosDirectory.expectedNumber' })
  })
})

describe('an imported directory must keep the used places', () => {
  it('names the places deals use that it dropped', () => {
    expect(missingUsedPlaces(small(), users)).toEqual([])
    const dropped = removeNode(small(), [0, 0, 0, 0], new Map())
    expect(dropped.ok && missingUsedPlaces(dropped.directory, users)).toEqual([{ key: 'CUSTOMS/Z1/S1/P101', deals: [{ id: 7, title: 'Склад — Выиграна' }, { id: 12, title: 'СВХ — Импортёр' }] }])
  })
})
