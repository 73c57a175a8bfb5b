import { z } from 'zod/mini'
import { fromBase64Url, toBase64Url } from './base64url'

/**
 * The machine-readable half of an approval record. A record is a portal object whose author
 * the portal sets (timeline comment, task); its text is a Russian line for people plus one
 * marker line `b24apr:<version>:<base64url JSON>`. Base64url survives BB-code and HTML
 * escaping; the version lets later formats coexist with old records.
 */
export const MARKER_TAG = 'b24apr'
export const MARKER_VERSION = 1
/** A marker longer than this is not ours (or an attempt to flood the parser). */
const MAX_ENCODED_LENGTH = 16_000

const positiveInt = z.number().check(z.int(), z.positive())
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))
const shortText = z.string().check(z.maxLength(4000))
const textOf = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max))
const trimmedTextOf = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max))

export const fileVersionSchema = z.object({ id: positiveInt, name: z.optional(z.string().check(z.maxLength(255))) })
export const moneySchema = z.object({
  amount: z.number().check(z.nonnegative()),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
})

export const CONTRACT_ACTIONS = ['start', 'submit', 'reject', 'resubmit', 'approve'] as const
export type ContractAction = (typeof CONTRACT_ACTIONS)[number]

export const contractMarkerSchema = z.object({
  t: z.literal('contract'),
  a: z.enum(CONTRACT_ACTIONS),
  deal: positiveInt,
  /** The round the record belongs to (0 for `start`, 1 for the first submission, …). */
  round: z.number().check(z.int(), z.nonnegative()),
  file: z.optional(fileVersionSchema),
  comment: z.optional(shortText),
  /** Idempotency key: a repeated write of the same step carries the same key. */
  key: textOf(1, 200),
})

/** The measurement report's approval (LEMUS §4): no draft step, the report is sent from the deal. */
export const REPORT_ACTIONS = ['submit', 'reject', 'resubmit', 'approve'] as const
export type ReportAction = (typeof REPORT_ACTIONS)[number]

export const reportMarkerSchema = z.extend(contractMarkerSchema, {
  t: z.literal('report'),
  a: z.enum(REPORT_ACTIONS),
})

export const tripRequestMarkerSchema = z
  .object({
    t: z.literal('trip-request'),
    key: textOf(1, 200),
    destination: trimmedTextOf(1, 255),
    dateFrom: isoDate,
    dateTo: isoDate,
    purpose: trimmedTextOf(1, 2000),
    budget: moneySchema,
    dealId: z.optional(positiveInt),
    companyId: z.optional(positiveInt),
  })
  .check(z.refine((trip) => trip.dateFrom <= trip.dateTo, { message: 'dateTo before dateFrom', path: ['dateTo'] }))

/** What the approver saw: a request edited after the decision no longer matches it. */
export const tripSnapshotSchema = z.object({
  destination: z.string().check(z.maxLength(255)),
  dateFrom: isoDate,
  dateTo: isoDate,
  budget: moneySchema,
})

export const tripDecisionMarkerSchema = z.object({
  t: z.literal('trip-decision'),
  /** Task id of the request this decides. */
  request: positiveInt,
  decision: z.enum(['approve', 'reject']),
  amount: z.optional(moneySchema),
  reason: z.optional(shortText),
  seen: z.optional(tripSnapshotSchema),
  key: textOf(1, 200),
})

export const approvalMarkerSchema = z.union([contractMarkerSchema, reportMarkerSchema, tripRequestMarkerSchema, tripDecisionMarkerSchema])

export type ContractMarker = z.infer<typeof contractMarkerSchema>
export type ReportMarker = z.infer<typeof reportMarkerSchema>
/** A record of a process kept in rounds on a deal's timeline. */
export type RoundMarker = ContractMarker | ReportMarker
export type TripRequestMarker = z.infer<typeof tripRequestMarkerSchema>
export type TripDecisionMarker = z.infer<typeof tripDecisionMarkerSchema>
export type ApprovalMarker = z.infer<typeof approvalMarkerSchema>

export type DecodedMarker =
  | { status: 'none' }
  | { status: 'ok'; marker: ApprovalMarker }
  | { status: 'unsupported'; version: number }
  | { status: 'malformed'; reason: string }

const MARKER_PATTERN = new RegExp(`${MARKER_TAG}:(\\d{1,4}):([A-Za-z0-9_-]*)`, 'g')

/** Validates and encodes; throws on a marker the schema rejects (a bug in the caller). */
export function encodeMarker(marker: ApprovalMarker): string {
  const valid = approvalMarkerSchema.parse(marker)
  return `${MARKER_TAG}:${MARKER_VERSION}:${toBase64Url(JSON.stringify(valid))}`
}

/** The text of a record: the line people read, then the marker line. */
export function composeRecordText(humanText: string, marker: ApprovalMarker): string {
  return `${humanText.trim()}\n${encodeMarker(marker)}`
}

/** The human part of a record's text, without the marker line. */
export function humanPart(text: string): string {
  return text.replace(MARKER_PATTERN, '').trim()
}

/**
 * Finds and checks the marker in any text. Never throws: records are written by people
 * and other programs too, so every failure is a value the replay can report.
 */
export function decodeMarker(text: string | null | undefined): DecodedMarker {
  if (!text) return { status: 'none' }
  const found = [...text.matchAll(MARKER_PATTERN)]
  if (found.length === 0) return { status: 'none' }
  if (found.length > 1) return { status: 'malformed', reason: 'several-markers' }
  const [, versionText = '', payload = ''] = found[0] ?? []
  const version = Number(versionText)
  if (version !== MARKER_VERSION) return { status: 'unsupported', version }
  if (payload.length === 0 || payload.length > MAX_ENCODED_LENGTH) return { status: 'malformed', reason: 'bad-length' }
  let json: unknown
  try {
    json = JSON.parse(fromBase64Url(payload))
  } catch {
    return { status: 'malformed', reason: 'not-json' }
  }
  const parsed = approvalMarkerSchema.safeParse(json)
  if (!parsed.success) return { status: 'malformed', reason: 'schema' }
  return { status: 'ok', marker: parsed.data }
}
