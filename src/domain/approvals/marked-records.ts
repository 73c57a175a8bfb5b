import { decodeMarker, type ApprovalMarker } from './marker'
import type { RecordIssue, UserId } from './types'

/** Who wrote a record and when, as every issue about it reports them. */
export type RecordOrigin = Pick<RecordIssue, 'recordId' | 'authorId' | 'at'>

export interface MarkedRecord<R> {
  record: R
  origin: RecordOrigin
  marker: ApprovalMarker
}

/**
 * The records that carry an approval marker, oldest first (portal ids grow with time; the
 * creation time may tie within a second). Records without a marker are skipped; an unreadable
 * or newer-version marker is pushed to `issues` as the walk reaches it, so the caller's own
 * issues stay in record order.
 */
export function* markedRecords<R extends { id: number }>(
  records: readonly R[],
  read: (record: R) => { authorId: UserId; at: string; text: string },
  issues: RecordIssue[],
): Generator<MarkedRecord<R>> {
  for (const record of [...records].sort((a, b) => a.id - b.id)) {
    const { authorId, at, text } = read(record)
    const origin: RecordOrigin = { recordId: record.id, authorId, at }
    const decoded = decodeMarker(text)
    if (decoded.status === 'none') continue
    if (decoded.status === 'unsupported') issues.push({ ...origin, kind: 'unsupported', reason: `version-${decoded.version}` })
    else if (decoded.status === 'malformed') issues.push({ ...origin, kind: 'malformed', reason: decoded.reason })
    else yield { record, origin, marker: decoded.marker }
  }
}
