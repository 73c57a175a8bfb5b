import type { ContractRound } from './contract-machine'
import type { FileVersion, UserId } from './types'

/**
 * A file of a round process as people read it. The deal's file field keeps a portal file id
 * and a link only (b24restdocs api-reference/files/how-to-download-files.md: a «file» field is
 * not on Drive, so no name, author or date comes with it); the rounds the app recorded say the
 * rest: which version it is, its name, who sent it and when.
 */
export interface FileVersionFacts {
  /** 1-based: the n-th distinct file sent; a file not sent yet is the next one. */
  version: number
  name: string | null
  /** The round that first sent this file (null: not sent yet). */
  sentBy: UserId | null
  sentAt: string | null
}

export function fileVersionFacts(rounds: readonly ContractRound[], file: FileVersion): FileVersionFacts {
  const ids: number[] = []
  for (const round of rounds) if (!ids.includes(round.file.id)) ids.push(round.file.id)
  const index = ids.indexOf(file.id)
  const first = rounds.find((round) => round.file.id === file.id) ?? null
  const named = file.name ?? rounds.find((round) => round.file.id === file.id && round.file.name)?.file.name ?? null
  return {
    version: index >= 0 ? index + 1 : ids.length + 1,
    name: named,
    sentBy: first?.submittedBy ?? null,
    sentAt: first?.submittedAt ?? null,
  }
}
