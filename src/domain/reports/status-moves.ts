import { readStatusLog } from '@/domain/client-profile/status-log'
import { describeStatus, type ClientStatus } from '@/domain/client-profile/status-transitions'
import { CLIENT_STATUS_FIELD_NAMES } from '@/domain/fields/client-status'
import type { LocalizedText } from '@/domain/fields/types'
import type { RawCompanyRow, StatusMove } from './types'

/*
 * Client status moves for the reports. The «Профиль клиента» tab appends every change to a JSON
 * status-log company field (and writes a timeline comment for people); the reports read that field
 * with the companies, so counting moves costs no extra request.
 */

export const STATUS_LOG_FIELD = CLIENT_STATUS_FIELD_NAMES.statusLog

export interface CompanyMoves {
  moves: StatusMove[]
  /** The field held text that is not a status log: its moves cannot be counted. */
  unreadable: boolean
}

export function statusMovesOf(companyId: number, logText: unknown): CompanyMoves {
  const read = readStatusLog(typeof logText === 'string' ? logText : null)
  if (!read.ok) return { moves: [], unreadable: true }
  const moves = read.records.map((record): StatusMove => {
    const move: StatusMove = { companyId, from: record.from, to: record.to, by: record.by, at: record.at }
    if (record.remark) move.remark = record.remark
    return move
  })
  return { moves, unreadable: false }
}

/** Moves of many companies (rows of `crm.company.list` with the log field selected), with the companies whose log is unreadable. */
export function statusMovesOfCompanies(rows: Iterable<RawCompanyRow>, field: string = STATUS_LOG_FIELD): {
  moves: StatusMove[]
  unreadableCompanyIds: number[]
} {
  const moves: StatusMove[] = []
  const unreadableCompanyIds: number[] = []
  for (const row of rows) {
    const companyId = Number(row.ID)
    const read = statusMovesOf(companyId, (row as object as Record<string, unknown>)[field])
    if (read.unreadable) unreadableCompanyIds.push(companyId)
    for (const move of read.moves) moves.push(move)
  }
  return { moves, unreadableCompanyIds }
}

/** What a move is counted under: the level reached, or «не активен» (a flag over the ladder). */
export function statusKey(status: ClientStatus): string {
  return status.inactive ? 'INACTIVE' : status.level
}

export function statusFromKey(key: string): ClientStatus {
  return key === 'INACTIVE' ? { level: 'NEW', subStatus: null, inactive: true } : { level: key, subStatus: null, inactive: false }
}

/** «Подписание LOI: Подготовка документов» / «Signing the LOI: Preparing documents». */
export function statusLabel(status: ClientStatus): LocalizedText {
  // Level codes are unique across the ladders (NEW reads the same in both), so no sector is needed.
  return { ru: describeStatus(status, null, 'ru'), en: describeStatus(status, null, 'en') }
}

/**
 * `YYYY-MM-DD HH:mm` of a moment on the viewer's calendar. The profile tab writes `toISOString()`
 * (UTC), so a change made at 00:30 on 1 January in Moscow is `…12-31T21:30Z`: it belongs to the
 * new year for the people who made it. A text with its own offset keeps the portal's calendar.
 * `offsetMinutes` (east of UTC) defaults to the browser's offset at that moment.
 */
export function localMoment(iso: string, offsetMinutes?: number): string | null {
  const explicit = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?[+-]\d{2}:?\d{2}$/.exec(iso)
  if (explicit) return `${explicit[1]} ${explicit[2]}`
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return null
  const offset = offsetMinutes ?? -new Date(ms).getTimezoneOffset()
  const shifted = new Date(ms + offset * 60_000).toISOString()
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`
}

export function moveYear(iso: string, offsetMinutes?: number): number | null {
  const moment = localMoment(iso, offsetMinutes)
  return moment === null ? null : Number(moment.slice(0, 4))
}
