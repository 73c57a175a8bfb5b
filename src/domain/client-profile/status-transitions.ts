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
  /** Pick a sub-status of the current level or of the next one (P6 «пункт детализации»). */
  | { type: 'choose-sub-status'; subStatus: string }
  /** One level up, for levels without sub-statuses. */
  | { type: 'advance' }
  /** The manager sets any level of the ladder, back or forth; this also reactivates. */
  | { type: 'set-manually'; level: string; subStatus?: string | null }
  | { type: 'deactivate' }
  /** Back to the step the client was deactivated at. */
  | { type: 'reactivate' }
  /** The sector moved the client to the other ladder, where its level does not exist. */
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
      // The sector may have changed meanwhile: a level of the other ladder restarts at NEW.
      return currentIndex === -1 ? { level: 'NEW', subStatus: null, inactive: false } : { ...current, inactive: false }

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
      return { level: 'NEW', subStatus: null, inactive: current.inactive }

    case 'advance': {
      if (current.inactive) return { reason: 'client-inactive' }
      if (currentIndex === -1) return { reason: 'status-not-in-ladder' }
      const nextLevel = ladder.levels[currentIndex + 1]
      if (!nextLevel) return { reason: 'last-level' }
      return { level: nextLevel.code, subStatus: null, inactive: false }
    }

    case 'choose-sub-status': {
      if (current.inactive) return { reason: 'client-inactive' }
      if (currentIndex === -1) return { reason: 'status-not-in-ladder' }
      const found = findSubStatus(ladder, action.subStatus)
      if (!found) return { reason: 'unknown-sub-status' }
      if (found.index < currentIndex) return { reason: 'backward' }
      if (found.index > currentIndex + 1) return { reason: 'skips-levels' }
      if (found.index === currentIndex && current.subStatus === found.subStatus.code) return { reason: 'no-change' }
      const levelAfter = ladder.levels[found.index + 1]
      // A completing sub-status lifts the client a level; on the last level it ends the ladder there.
      if (found.subStatus.completesLevel && levelAfter) {
        return { level: levelAfter.code, subStatus: null, inactive: false }
      }
      return { level: found.level.code, subStatus: found.subStatus.code, inactive: false }
    }
  }
}

/**
 * After the sector changes, the status must exist in the sector's ladder; if it does
 * not, it restarts at «Новый» and that is recorded like any other change.
 */
export function fitStatusToSector(
  current: ClientStatus,
  context: StatusChangeContext,
): Extract<StatusChangeResult, { ok: true }> | null {
  const result = applyStatusAction(current, { type: 'ladder-changed' }, context)
  return result.ok ? result : null
}

/** The sub-statuses the menu offers: the current level's (but the chosen one) and the next level's. */
export function offeredSubStatuses(current: ClientStatus, sector: SectorCode | null): { level: StatusLevel; subStatus: SubStatus }[] {
  if (current.inactive) return []
  const ladder = ladderForSector(sector)
  const index = levelIndex(ladder, current.level)
  if (index === -1) return []
  return ladder.levels
    .slice(index, index + 2)
    .flatMap((level) => level.subStatuses.map((subStatus) => ({ level, subStatus })))
    .filter(({ subStatus }) => subStatus.code !== current.subStatus)
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
