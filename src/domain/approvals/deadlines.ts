/*
 * Deadlines of the approvals' to-do tasks. The seeds give none for the approver or the
 * accountant, so the app's rule is: a working day for the approver from the round's
 * submission; for the accountant a day from the approval, but before the trip starts. A
 * deadline computed from an event long past (the runner was stopped) is never set in the past:
 * the person gets at least MIN_LEAD_MS from now.
 */

const HOUR = 3_600_000
export const APPROVER_TASK_MS = 24 * HOUR
export const PAYOUT_TASK_MS = 24 * HOUR
export const MIN_LEAD_MS = 2 * HOUR
/** The hour of the trip's first day by which the money is handed out. */
const TRIP_START_HOUR = 9

const OFFSET = /([+-])(\d{2}):?(\d{2})$/

/** The UTC offset of an ISO time in minutes (0 for `Z` or none). */
function offsetMinutes(iso: string): number {
  const match = OFFSET.exec(iso)
  if (!match) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/** `ms` since the epoch as ISO 8601 in the given offset, to the second (the portal's DEADLINE form). */
export function isoInOffset(ms: number, offset: number): string {
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19)
  if (offset === 0) return `${local}+00:00`
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

function notBeforeNow(ms: number, now: Date): number {
  return Math.max(ms, now.getTime() + MIN_LEAD_MS)
}

/** The approver's task of a round: a day after the submission (the record's CREATED, in its offset). */
export function approverTaskDeadline(submittedAt: string, now: Date): string {
  return isoInOffset(notBeforeNow(Date.parse(submittedAt) + APPROVER_TASK_MS, now), offsetMinutes(submittedAt))
}

/**
 * «Выдать ДС для командировки»: a day after the approval, or the trip's first morning when
 * that comes first (the traveller needs the money before leaving).
 */
export function payoutDeadline(approvedAt: string, tripStart: string, now: Date): string {
  const offset = offsetMinutes(approvedAt)
  const startMorning = Date.parse(`${tripStart}T00:00:00Z`) + TRIP_START_HOUR * HOUR - offset * 60_000
  const dayAfter = Date.parse(approvedAt) + PAYOUT_TASK_MS
  const due = Number.isNaN(startMorning) ? dayAfter : Math.min(dayAfter, startMorning)
  return isoInOffset(notBeforeNow(due, now), offset)
}
