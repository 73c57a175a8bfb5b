// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { composeRecordText, fileVersionFacts, planContractStep, replayContract, type ContractRound } from '@/domain/approvals'

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

describe('the round record people read in the timeline', () => {
  it('names the file and its version by the files sent, not the portal file id', () => {
    const settings = { contractApprovers: { '1': 6 }, tripApprover: 6, accountant: 7 }
    const rec = (id: number, authorId: number, a: 'start' | 'submit' | 'reject', round: number, extra: object = {}) => ({
      id,
      authorId,
      created: `2026-12-0${id}T10:00:00Z`,
      text: composeRecordText('x', { t: 'contract', a, deal: 12, round, key: `apr:contract:12:r${round}:${a}`, ...extra }),
    })
    const records = [rec(1, 3, 'start', 0), rec(2, 3, 'submit', 1, { file: { id: 501 } }), rec(3, 6, 'reject', 1, { comment: 'нет' })]
    const replay = replayContract({ id: 12, categoryId: 1, responsibleId: 3, file: { id: 612 } }, records, settings)
    const planned = planContractStep({ deal: { id: 12, title: 'Д' }, replay, actor: 3, at: '2026-12-05T10:00:00Z' }, { action: 'resubmit', file: { id: 612, name: 'dogovor-v2.docx' } })
    if (!planned.ok) throw new Error(planned.error)
    const record = planned.effects.find((effect) => effect.kind === 'timeline-comment')
    expect(record && 'text' in record ? record.text : '').toContain('(круг 2, файл «dogovor-v2.docx», версия 2)')
    expect(record && 'text' in record ? record.text : '').not.toContain('612')
  })
})
