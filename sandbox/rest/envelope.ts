import { ListPage } from '../core/types'
import type { RestError } from '../core/errors'
import { formatDateTime, unixSeconds } from './time-format'

/** The `time` object of every reply (b24restdocs `api-reference/data-types.md#time`). */
export interface TimeInfo {
  start: number
  finish: number
  duration: number
  processing: number
  date_start: string
  date_finish: string
  operating_reset_at: number
  operating: number
}

export interface OperatingStatus {
  /** Seconds this method used for this app/webhook in the window. */
  operating: number
  /** Unix seconds when the oldest minute bucket leaves the window. */
  resetAt: number
}

export function timeInfo(startMs: number, finishMs: number, processingMs: number, status: OperatingStatus): TimeInfo {
  return {
    start: unixSeconds(startMs),
    finish: unixSeconds(finishMs),
    duration: (finishMs - startMs) / 1000,
    processing: processingMs / 1000,
    date_start: formatDateTime(new Date(startMs)),
    date_finish: formatDateTime(new Date(finishMs)),
    operating_reset_at: status.resetAt,
    operating: status.operating,
  }
}

/** `{result, time}` plus `total`/`next` for a page of a list method. */
export function successBody(value: unknown, time: TimeInfo): Record<string, unknown> {
  if (value instanceof ListPage) {
    const body: Record<string, unknown> = { result: value.result }
    if (value.next !== undefined) body.next = value.next
    body.total = value.total
    body.time = time
    return body
  }
  return { result: value === undefined ? null : value, time }
}

export function errorBody(error: RestError): Record<string, unknown> {
  return { error: error.code, error_description: error.description, ...error.extra }
}
