import type { DepartmentCode, DirectoryLabel, DirectoryObjectType, DirectoryPlace, DirectorySector, DirectoryZone, DirectoryRead, ObjectsDirectory } from './objects-directory'
import { findPlace } from './objects-directory'

/*
 * Editing the objects directory as a tree (issue 16): add, change, remove and reorder object
 * types, zones, sectors and places. Every operation returns a new directory; the schema
 * (`parseObjectsDirectory`) stays the judge of what an edit produced. A place a deal uses is
 * protected: it (and every node above it) cannot be removed and its code cannot change while a
 * deal holds it, since deals keep the place by its codes (`placeKey`).
 */

export type DirectoryLevel = 'objectType' | 'zone' | 'sector' | 'place'

/** A node by its positions from the root: [type], [type, zone], [type, zone, sector], [type, zone, sector, place]. */
export type NodePath = readonly number[]

export const LEVELS: readonly DirectoryLevel[] = ['objectType', 'zone', 'sector', 'place']
const LISTS = ['objectTypes', 'zones', 'sectors', 'places'] as const
const CODE_PREFIX: Record<DirectoryLevel, string> = { objectType: 'TYPE', zone: 'Z', sector: 'S', place: 'P' }

export type DirectoryNode = DirectoryObjectType | DirectoryZone | DirectorySector | DirectoryPlace

export function levelOf(path: NodePath): DirectoryLevel {
  const level = LEVELS[path.length - 1]
  if (!level) throw new Error(`not a directory node: [${path.join(', ')}]`)
  return level
}

/** The node's place in the schema's error paths: `objectTypes.0.zones.1`. */
export function schemaPath(path: NodePath): string {
  return path.map((index, depth) => `${LISTS[depth]}.${index}`).join('.')
}

/** The nodes one level under `parent` (the object types under the root). */
export function childrenOf(parent: ObjectsDirectory | DirectoryNode): readonly DirectoryNode[] {
  if ('objectTypes' in parent) return parent.objectTypes
  if ('zones' in parent) return parent.zones
  if ('sectors' in parent) return parent.sectors
  if ('places' in parent) return parent.places
  return []
}

export function nodeAt(directory: ObjectsDirectory, path: NodePath): DirectoryNode | undefined {
  let node: ObjectsDirectory | DirectoryNode | undefined = directory
  for (const index of path) node = node ? childrenOf(node)[index] : undefined
  return node === directory ? undefined : (node as DirectoryNode | undefined)
}

/** The codes down to the node: its place key when it is a place, the keys' prefix above. */
export function codePath(directory: ObjectsDirectory, path: NodePath): string[] {
  return path.map((_, depth) => nodeAt(directory, path.slice(0, depth + 1))?.code ?? '')
}

// ---------- deals using places ----------

export interface PlaceUser {
  id: number
  title: string
}

/** placeKey → the deals (not lost) holding it, by ID. */
export type PlaceUsers = ReadonlyMap<string, readonly PlaceUser[]>

export interface PlaceHolderDeal {
  id: number
  title: string
  /** Bitrix24 stage semantics: P in work, S won, F lost (a lost deal frees its places). */
  semantic: string | null
  places: readonly string[]
}

export function placeUsersFrom(deals: readonly PlaceHolderDeal[]): Map<string, PlaceUser[]> {
  const users = new Map<string, PlaceUser[]>()
  for (const deal of [...deals].sort((a, b) => a.id - b.id)) {
    if (deal.semantic === 'F') continue
    for (const key of new Set(deal.places)) users.set(key, [...(users.get(key) ?? []), { id: deal.id, title: deal.title }])
  }
  return users
}

/** The deals using the node: a place's own, or those of every place below it. */
export function usersOfNode(directory: ObjectsDirectory, path: NodePath, users: PlaceUsers): PlaceUser[] {
  const prefix = codePath(directory, path).join('/')
  const found = new Map<number, PlaceUser>()
  for (const [key, deals] of users) {
    if (key !== prefix && !key.startsWith(`${prefix}/`)) continue
    for (const deal of deals) found.set(deal.id, deal)
  }
  return [...found.values()].sort((a, b) => a.id - b.id)
}

/** Places deals use that the directory no longer has (an import or a hand edit dropped them). */
export function missingUsedPlaces(directory: ObjectsDirectory, users: PlaceUsers): { key: string; deals: readonly PlaceUser[] }[] {
  const missing: { key: string; deals: readonly PlaceUser[] }[] = []
  for (const [key, deals] of users) {
    const [objectType = '', zone = '', sector = '', place = ''] = key.split('/')
    if (deals.length > 0 && !findPlace(directory, { objectType, zone, sector, place })) missing.push({ key, deals })
  }
  return missing.sort((a, b) => a.key.localeCompare(b.key))
}

// ---------- edits ----------

/** What the admin types for one node; department only for an object type, area only for a place. */
export interface NodeFields {
  code: string
  label: DirectoryLabel
  department?: DepartmentCode
  areaM2?: number
}

export type EditResult = { ok: true; directory: ObjectsDirectory } | { ok: false; deals: PlaceUser[] }

/** The directory with the children list under `parent` replaced by `change(list)`. */
function withChildren(directory: ObjectsDirectory, parent: NodePath, change: (list: DirectoryNode[]) => DirectoryNode[]): ObjectsDirectory {
  const rebuild = (node: ObjectsDirectory | DirectoryNode, rest: NodePath, depth: number): ObjectsDirectory | DirectoryNode => {
    const list = [...childrenOf(node)]
    const key = LISTS[depth]!
    if (rest.length === 0) return { ...node, [key]: change(list) } as ObjectsDirectory | DirectoryNode
    const [index, ...deeper] = rest
    const child = list[index!]
    if (!child) throw new Error(`no node at depth ${depth + 1}, position ${index}`)
    list[index!] = rebuild(child, deeper, depth + 1) as DirectoryNode
    return { ...node, [key]: list } as ObjectsDirectory | DirectoryNode
  }
  return rebuild(directory, parent, 0) as ObjectsDirectory
}

function cleanLabel(label: DirectoryLabel): DirectoryLabel {
  const en = label.en?.trim() ?? ''
  return en === '' ? { ru: label.ru } : { ru: label.ru, en }
}

function applyFields(level: DirectoryLevel, node: DirectoryNode | null, fields: NodeFields): DirectoryNode {
  const base = { code: fields.code.trim(), label: cleanLabel(fields.label) }
  switch (level) {
    case 'objectType':
      return { ...base, department: fields.department ?? (node as DirectoryObjectType | null)?.department ?? 'INFRASTRUCTURE', zones: (node as DirectoryObjectType | null)?.zones ?? [] }
    case 'zone':
      return { ...base, sectors: (node as DirectoryZone | null)?.sectors ?? [] }
    case 'sector':
      return { ...base, places: (node as DirectorySector | null)?.places ?? [] }
    case 'place':
      return fields.areaM2 === undefined ? base : { ...base, areaM2: fields.areaM2 }
  }
}

/** A new node at the end of `parent`'s list ([] adds an object type); its path is returned for the schema's verdict. */
export function addNode(directory: ObjectsDirectory, parent: NodePath, fields: NodeFields): { directory: ObjectsDirectory; path: NodePath } {
  const level = LEVELS[parent.length]
  if (!level) throw new Error('a place has no children')
  let index = 0
  const next = withChildren(directory, parent, (list) => {
    index = list.length
    return [...list, applyFields(level, null, fields)]
  })
  return { directory: next, path: [...parent, index] }
}

/** Changes a node's own fields (its children stay); a used node keeps its code. */
export function updateNode(directory: ObjectsDirectory, path: NodePath, fields: NodeFields, users: PlaceUsers): EditResult {
  const node = nodeAt(directory, path)
  if (!node) throw new Error(`no node at [${path.join(', ')}]`)
  const deals = usersOfNode(directory, path, users)
  if (deals.length > 0 && fields.code.trim() !== node.code) return { ok: false, deals }
  const index = path[path.length - 1]!
  const next = withChildren(directory, path.slice(0, -1), (list) => list.map((entry, at) => (at === index ? applyFields(levelOf(path), node, fields) : entry)))
  return { ok: true, directory: next }
}

/** Removes a node with everything under it, unless a deal uses a place there. */
export function removeNode(directory: ObjectsDirectory, path: NodePath, users: PlaceUsers): EditResult {
  const deals = usersOfNode(directory, path, users)
  if (deals.length > 0) return { ok: false, deals }
  const index = path[path.length - 1]!
  return { ok: true, directory: withChildren(directory, path.slice(0, -1), (list) => list.filter((_, at) => at !== index)) }
}

/** Moves a node one step up (-1) or down (+1) among its siblings; at the edge nothing changes. */
export function moveNode(directory: ObjectsDirectory, path: NodePath, step: -1 | 1): ObjectsDirectory {
  const index = path[path.length - 1]!
  return withChildren(directory, path.slice(0, -1), (list) => {
    const target = index + step
    if (target < 0 || target >= list.length) return list
    const moved = [...list]
    ;[moved[index], moved[target]] = [moved[target]!, moved[index]!]
    return moved
  })
}

/** A free code for a new child of `parent`: P1, P2… (TYPE1… for object types). */
export function suggestCode(directory: ObjectsDirectory, parent: NodePath): string {
  const level = LEVELS[parent.length] ?? 'place'
  const node = parent.length === 0 ? directory : nodeAt(directory, parent)
  const taken = new Set(node ? childrenOf(node).map((child) => child.code) : [])
  let number = taken.size + 1
  while (taken.has(`${CODE_PREFIX[level]}${number}`)) number += 1
  return `${CODE_PREFIX[level]}${number}`
}

/** The node's own fields the schema found wrong (`code`, `label.ru`, `areaM2`…) → message key; its children's errors are not its. */
export function nodeErrors(read: DirectoryRead, path: NodePath): Record<string, string> {
  if (read.ok) return {}
  const prefix = `${schemaPath(path)}.`
  const own: Record<string, string> = {}
  for (const error of read.errors) {
    if (!error.path.startsWith(prefix)) continue
    const field = error.path.slice(prefix.length)
    if (/^(zones|sectors|places)\.\d/.test(field)) continue
    own[field] ??= error.message
  }
  return own
}
