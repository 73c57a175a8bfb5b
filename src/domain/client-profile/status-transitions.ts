import type { LocalizedText } from '../fields/types'
import type { SectorCode } from './sectors'
import {
  INACTIVE_LABEL,
  allStatusLevels,
  findSubStatus,
  ladderForSector,
  levelIndex,
  type Ladder,
  type StatusLevel,
  type SubStatus,
} from './status-ladder'

/** Where a client stands: a level of its ladder, maybe a sub-status, maybe deactivated. */
export interface ClientStatus {
  level: string
  subStatus: string | null
  inactive: boolean
}

export const INITIAL_CLIENT_STATUS: ClientStatus = Object.freeze({ level: 'NEW', subStatus: null, inactive: false })

export type StatusAction =
  /** Pick a sub-status of the current level (P6 «пункт детализации»); a completing one lifts the client a level. */
  | { type: 'choose-sub-status'; subStatus: string }
  /** One level up, for levels without sub-statuses. */
  | { type: 'advance' }
  /** The manager sets any level of the ladder, back or forth; this also reactivates. */
  | { type: 'set-manually'; level: string; subStatus?: string | null }
  | { type: 'deactivate' }
  /** Back to the step the client was deactivated at. */
  | { type: 'reactivate' }
  /** The sector moved the client to the other ladder, where its level does not exist: mapped by statusOnLadder. */
  | { type: 'ladder-changed' }

export type StatusRefusal =
  | 'client-inactive'
  | 'already-inactive'
  | 'not-inactive'
  | 'unknown-level'
  | 'unknown-sub-status'
  | 'status-not-in-ladder'
  | 'backward'
  | 'skips-levels'
  | 'last-level'
  | 'needs-detail'
  | 'no-change'

/** One line of the status history: who moved the client from where to where, and when. */
export interface StatusChangeRecord {
  from: ClientStatus
  to: ClientStatus
  action: StatusAction
  /** Bitrix24 user ID. */
  by: number
  /** ISO-8601 moment. */
  at: string
  remark?: string
}

export interface StatusChangeContext {
  sector: SectorCode | null
  by: number
  at: string
  /** The optional «замечания» typed in the tick-revealed block. */
  remark?: string
}

export type StatusChangeResult =
  | { ok: true; status: ClientStatus; record: StatusChangeRecord }
  | { ok: false; reason: StatusRefusal }

export function applyStatusAction(
  current: ClientStatus,
  action: StatusAction,
  context: StatusChangeContext,
): StatusChangeResult {
  const ladder = ladderForSector(context.sector)
  const next = nextStatus(current, action, ladder)
  if ('reason' in next) return { ok: false, reason: next.reason }
  const record: StatusChangeRecord = { from: { ...current }, to: next, action, by: context.by, at: context.at }
  const remark = context.remark?.trim()
  if (remark) record.remark = remark
  return { ok: true, status: next, record }
}

function nextStatus(current: ClientStatus, action: StatusAction, ladder: Ladder): ClientStatus | { reason: StatusRefusal } {
  const currentIndex = levelIndex(ladder, current.level)
  switch (action.type) {
    case 'deactivate':
      return current.inactive ? { reason: 'already-inactive' } : { ...current, inactive: true }

    case 'reactivate':
      if (!current.inactive) return { reason: 'not-inactive' }
      // The sector may have changed meanwhile: a level of the other ladder takes its place on this one.
      return { ...statusOnLadder(current, ladder), inactive: false }

    case 'set-manually': {
      const level = ladder.levels.find((entry) => entry.code === action.level)
      if (!level) return { reason: 'unknown-level' }
      const subStatus = action.subStatus ?? null
      if (subStatus !== null && !level.subStatuses.some((entry) => entry.code === subStatus)) {
        return { reason: 'unknown-sub-status' }
      }
      if (!current.inactive && current.level === level.code && current.subStatus === subStatus) return { reason: 'no-change' }
      return { level: level.code, subStatus, inactive: false }
    }

    case 'ladder-changed':
      if (currentIndex !== -1) return { reason: 'no-change' }
      return statusOnLadder(current, ladder)

    case 'advance': {
      if (current.inactive) return { reason: 'client-inactive' }
      if (currentIndex === -1) return { reason: 'status-not-in-ladder' }
      const nextLevel = ladder.levels[currentIndex + 1]
      if (!nextLevel) return { reason: 'last-level' }
      // A level with details is left by its completing detail, not by a bare step.
      if (ladder.levels[currentIndex]!.subStatuses.length > 0) return { reason: 'needs-detail' }
      return { level: nextLevel.code, subStatus: null, inactive: false }
    }

    case 'choose-sub-status': {
      if (current.inactive) return { reason: 'client-inactive' }
      if (currentIndex === -1) return { reason: 'status-not-in-ladder' }
      const found = findSubStatus(ladder, action.subStatus)
      if (!found) return { reason: 'unknown-sub-status' }
      // Only the current level's details: the next level is reached by completing this one (P6).
      if (found.index < currentIndex) return { reason: 'backward' }
      if (found.index > currentIndex) return { reason: 'skips-levels' }
      if (current.subStatus === found.subStatus.code) return { reason: 'no-change' }
      const levelAfter = ladder.levels[found.index + 1]
      // A completing sub-status lifts the client exactly one level; on the last level it ends the ladder there.
      if (found.subStatus.completesLevel && levelAfter) {
        return { level: levelAfter.code, subStatus: null, inactive: false }
      }
      return { level: found.level.code, subStatus: found.subStatus.code, inactive: false }
    }
  }
}

/*
 * The status across ladders, when the sector moves a client from one ladder to the other.
 * What the client reached carries over; an unfinished level goes to the other ladder's
 * step the client has certainly reached. Never a silent restart at «Новый».
 *
 *   general → sectors 1, 2                         sectors 1, 2 → general
 *   Новый → Новый                                  Новый → Новый
 *   Согласование условий (any) → Активные переговоры   Проявлен интерес → Согласование условий
 *   Подписание LOI (any) → Активные переговоры         Активные переговоры → Согласование условий
 *   Согласование договора (no detail) → Заключён LOI   Заключён LOI → Согласование договора
 *   Согласование договора (a detail) → Проект на рассмотрении у клиента
 *                                                  Проект на рассмотрении → Согласование договора: Подготовка документов
 *   Подписание договора → Подписание договора      Подписание договора → Подписание договора
 *     Не подписан → Не подписан, Подписан → Подписан   Не подписан → Не подписан
 *   Обеспечительный платёж, акт → Подписание договора: Подписан
 *                                                  Подписан → Оплата обеспечительного платежа
 * «Не активен» stays as it was.
 */
type Place = [level: string, subStatus: string | null]

const TO_SECTORS_1_2: Record<string, (subStatus: string | null) => Place> = {
  NEW: () => ['NEW', null],
  TERMS: () => ['S12_NEGOTIATIONS', null],
  LOI_SIGNING: () => ['S12_NEGOTIATIONS', null],
  CONTRACT_APPROVAL: (sub) => (sub === null ? ['S12_LOI', null] : ['S12_PROJECT_REVIEW', null]),
  CONTRACT_SIGNING: (sub) => ['S12_CONTRACT_SIGNING', sub === 'CS_NOT_SIGNED' ? 'S12_NOT_SIGNED' : sub === 'CS_SIGNED' ? 'S12_SIGNED' : null],
  DEPOSIT: () => ['S12_CONTRACT_SIGNING', 'S12_SIGNED'],
  ACCEPTANCE: () => ['S12_CONTRACT_SIGNING', 'S12_SIGNED'],
}

const TO_GENERAL: Record<string, (subStatus: string | null) => Place> = {
  NEW: () => ['NEW', null],
  S12_INTEREST: () => ['TERMS', null],
  S12_NEGOTIATIONS: () => ['TERMS', null],
  S12_LOI: () => ['CONTRACT_APPROVAL', null],
  S12_PROJECT_REVIEW: () => ['CONTRACT_APPROVAL', 'CA_DOCS'],
  S12_CONTRACT_SIGNING: (sub) => (sub === 'S12_SIGNED' ? ['DEPOSIT', null] : ['CONTRACT_SIGNING', sub === 'S12_NOT_SIGNED' ? 'CS_NOT_SIGNED' : null]),
}

/** The status on `ladder`: the same when it is there, else its place by the table above. */
export function statusOnLadder(current: ClientStatus, ladder: Ladder): ClientStatus {
  if (levelIndex(ladder, current.level) !== -1) return current
  const table = ladder.code === 'SECTORS_1_2' ? TO_SECTORS_1_2 : TO_GENERAL
  const [level, subStatus] = table[current.level]?.(current.subStatus) ?? ['NEW', null]
  return { level, subStatus, inactive: current.inactive }
}

/**
 * After the sector changes, the status must exist in the sector's ladder; if it does not, it
 * takes its place on the new ladder (statusOnLadder), recorded like any other change.
 */
export function fitStatusToSector(
  current: ClientStatus,
  context: StatusChangeContext,
): Extract<StatusChangeResult, { ok: true }> | null {
  const result = applyStatusAction(current, { type: 'ladder-changed' }, context)
  return result.ok ? result : null
}

/** A sector change that moves the client to the other ladder asks first: what the status becomes. */
export function sectorChangeQuestion(
  current: ClientStatus,
  from: SectorCode | null,
  to: SectorCode | null,
): { from: ClientStatus; to: ClientStatus; ladder: Ladder } | null {
  const ladder = ladderForSector(to)
  if (ladderForSector(from).code === ladder.code) return null
  if (current.level === 'NEW' && !current.inactive) return null
  return { from: current, to: statusOnLadder(current, ladder), ladder }
}

/**
 * The buttons the ladder offers: the current level's details (but the chosen one), and the
 * step to the next level for a level without details. Never another level's details.
 */
export function offeredSubStatuses(current: ClientStatus, sector: SectorCode | null): { level: StatusLevel; subStatus: SubStatus }[] {
  if (current.inactive) return []
  const ladder = ladderForSector(sector)
  const level = ladder.levels[levelIndex(ladder, current.level)]
  if (!level) return []
  return level.subStatuses.filter((subStatus) => subStatus.code !== current.subStatus).map((subStatus) => ({ level, subStatus }))
}

/** The level a plain «next step» leads to: only from a level without details, never past the top. */
export function advanceTarget(current: ClientStatus, sector: SectorCode | null): StatusLevel | null {
  if (current.inactive) return null
  const ladder = ladderForSector(sector)
  const index = levelIndex(ladder, current.level)
  const level = ladder.levels[index]
  if (!level || level.subStatuses.length > 0) return null
  return ladder.levels[index + 1] ?? null
}

/** «Подписание LOI: Подготовка документов», «Новый», «Не активен». */
export function describeStatus(current: ClientStatus, sector: SectorCode | null, locale: keyof LocalizedText = 'ru'): string {
  if (current.inactive) return INACTIVE_LABEL[locale]
  // Look in the sector's ladder first, then anywhere: a status saved under another sector still reads well.
  const level =
    ladderForSector(sector).levels.find((entry) => entry.code === current.level) ??
    allStatusLevels().find((entry) => entry.code === current.level)
  if (!level) return current.level
  const subStatus = level.subStatuses.find((entry) => entry.code === current.subStatus)
  return subStatus ? `${level.label[locale]}: ${subStatus.label[locale]}` : level.label[locale]
}
