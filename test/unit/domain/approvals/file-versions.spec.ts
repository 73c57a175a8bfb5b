import { describe, expect, it } from 'vitest'
import { fileVersionFacts, type ContractRound } from '@/domain/approvals'

const round = (n: number, fileId: number, by: number, at: string, name?: string): ContractRound => ({
  n,
  submittedBy: by,
  submittedAt: at,
  file: name ? { id: fileId, name } : { id: fileId },
  decision: null,
})

describe('fileVersionFacts: a file of the deal as the approver reads it', () => {
  const rounds = [
    round(1, 501, 3, '2026-12-01T10:00:00+03:00', 'dogovor-v1.docx'),
    round(2, 507, 3, '2026-12-02T11:00:00+03:00', 'dogovor-v2.docx'),
    // sent again unchanged after an approver's slip: still the second version
    round(3, 507, 4, '2026-12-03T12:00:00+03:00'),
  ]

  it('numbers versions by the distinct files sent, not by the portal file id', () => {
    expect(fileVersionFacts(rounds, { id: 501 }).version).toBe(1)
    expect(fileVersionFacts(rounds, { id: 507 }).version).toBe(2)
  })

  it('names who sent the version first and when, and its name from any record that has it', () => {
    expect(fileVersionFacts(rounds, { id: 507 })).toEqual({ version: 2, name: 'dogovor-v2.docx', sentBy: 3, sentAt: '2026-12-02T11:00:00+03:00' })
  })

  it('a file not sent yet is the next version, with no sender', () => {
    expect(fileVersionFacts(rounds, { id: 612, name: 'dogovor-v3.docx' })).toEqual({ version: 3, name: 'dogovor-v3.docx', sentBy: null, sentAt: null })
    expect(fileVersionFacts([], { id: 9 })).toEqual({ version: 1, name: null, sentBy: null, sentAt: null })
  })
})
