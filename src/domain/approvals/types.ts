/** Shared vocabulary of the approval domain (pure: no I/O, no Vue). */

export type UserId = number

/** A file version as the deal's «Проект договора» field holds it: a new upload gets a new id. */
export interface FileVersion {
  id: number
  name?: string
}

export interface Money {
  amount: number
  currency: string
}

/**
 * Why a portal record did not count. `forgery`: the author the portal set is not allowed to
 * write it; `illegal`: an allowed author, but the process was not in a state that accepts it
 * (a late double click, a decision on a closed round); `malformed`/`unsupported`: the marker
 * cannot be read; `foreign`: a marker copied from another record.
 */
export type RecordIssueKind = 'forgery' | 'illegal' | 'malformed' | 'unsupported' | 'foreign'

export interface RecordIssue {
  kind: RecordIssueKind
  /** Portal id of the record (timeline comment id or task id). */
  recordId: number
  authorId: UserId
  at: string
  /** Machine-readable reason, e.g. `not-approver`, `comment-required`. */
  reason: string
  /** What the record claimed, for display (`approve`, `reject`, …), when readable. */
  action?: string
}
