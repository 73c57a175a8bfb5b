// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { idempotencyTag } from '@/b24/gateway'
import { composeRecordText, contractKeys, replayContract, type TaskRecord, type TimelineRecord } from '@/domain/approvals'
import { parseFileLink, parseFileValue, parseTaskRows } from './dto'
import { namesFrom, toContractView } from './view-model'

const MANAGER = 3
const APPROVER = 6
const settings = { contractApprovers: { '1': APPROVER }, tripApprover: APPROVER, accountant: 7 }
const names = namesFrom([{ id: 3, name: 'Дмитрий Кузнецов' }, { id: 6, name: 'Наталья Белова' }])
let id = 1
const record = (authorId: number, a: 'start' | 'submit' | 'approve', round: number): TimelineRecord => ({
  id: id++,
  authorId,
  created: `2026-03-0${id}T10:00:00Z`,
  text: composeRecordText('x', { t: 'contract', a, deal: 12, round, key: `k${id}`, ...(a === 'submit' ? { file: { id: 501 } } : {}) }),
})

describe('contract view model', () => {
  const records = [record(MANAGER, 'start', 0), record(MANAGER, 'submit', 1), record(MANAGER, 'approve', 1)]
  const deal = { id: 12, title: 'Договор', file: { id: 501 }, cachedState: 'approved' }
  const replay = replayContract({ id: 12, categoryId: 1, responsibleId: MANAGER, file: deal.file }, records, settings)

  it('offers each user only what the replay would accept, and lists the forged approval as invalid', () => {
    const asApprover = toContractView({ deal, replay, me: APPROVER, names, tasks: [] })
    const asManager = toContractView({ deal, replay, me: MANAGER, names, tasks: [] })
    expect(asApprover.status).toBe('submitted')
    expect(asApprover.actions).toEqual(['approve', 'reject'])
    expect(asManager.actions).toEqual([])
    expect(asManager.invalid).toEqual([expect.objectContaining({ kind: 'forgery', author: 'Дмитрий Кузнецов', action: 'approve', reason: 'not-approver' })])
    expect(asManager.approver).toBe('Наталья Белова')
    // The cache says «approved», the records say otherwise: the view follows the records.
    expect(asManager.cacheStale).toBe(true)
  })

  it('shows the deal\'s file with its version, its sender and the portal\'s link, never the file id as a version', () => {
    const view = toContractView({ deal: { ...deal, fileUrl: '/show?fileId=501' }, replay, me: APPROVER, names, tasks: [] })
    expect(view.fileInfo).toEqual({ id: 501, version: 1, name: null, sentBy: 'Дмитрий Кузнецов', sentAt: records[1]!.created, url: '/show?fileId=501' })
    expect(view.rounds[0]?.version).toBe(1)
    const newer = toContractView({ deal: { ...deal, file: { id: 777, name: 'dogovor-v2.docx' } }, replay, me: APPROVER, names, tasks: [] })
    expect(newer.fileInfo).toMatchObject({ id: 777, version: 2, name: 'dogovor-v2.docx', sentBy: null, url: null })
  })

  it('finds the open draft task by its key tag', () => {
    const started = replayContract({ id: 12, categoryId: 1, responsibleId: MANAGER, file: null }, records.slice(0, 1), settings)
    const task = (taskId: number, status: number): TaskRecord => ({
      id: taskId, createdBy: MANAGER, responsibleId: MANAGER, createdDate: '', title: 'Оформить нестандартный договор',
      description: `…\n${idempotencyTag(contractKeys.draftTask(12))}`, status,
    })
    const view = toContractView({ deal: { ...deal, file: null, cachedState: 'draft' }, replay: started, me: MANAGER, names, tasks: [task(40, 5), task(41, 2)] })
    expect(view.draftTaskId).toBe(41)
    expect(view.actions).toEqual(['submit'])
    expect(view.cacheStale).toBe(false)
  })
})

describe('REST shapes', () => {
  it('reads a file field in its several shapes; the newest file is the version', () => {
    // b24restdocs api-reference/crm/deals/user-defined-fields (file: legacy {id, showUrl, downloadUrl}; crm.item [{id, url}])
    expect(parseFileValue({ id: 30577, showUrl: '/x', downloadUrl: '/y' })).toEqual({ id: 30577 })
    expect(parseFileValue([{ id: 5, url: '/a' }, { id: '9', url: '/b', name: 'b.pdf' }])).toEqual({ id: 9, name: 'b.pdf' })
    expect(parseFileValue('42')).toEqual({ id: 42 })
    expect(parseFileValue(null)).toBeNull()
    expect(parseFileValue(false)).toBeNull()
  })

  it('keeps the file\'s «open» link, never a download link that may carry a token', () => {
    // b24restdocs api-reference/files/how-to-download-files.md: url/showUrl open, downloadUrl/urlMachine download
    expect(parseFileLink({ id: 30577, showUrl: '/show?fileId=30577', downloadUrl: '/dl?auth=secret' })).toBe('/show?fileId=30577')
    expect(parseFileLink([{ id: 5, url: '/a' }, { id: 9, url: '/b', urlMachine: '/rest/x?auth=secret' }])).toBe('/b')
    expect(parseFileLink({ id: 3, downloadUrl: '/dl?auth=secret' })).toBeNull()
    expect(parseFileLink('42')).toBeNull()
  })

  it('reads tasks with numbers as strings (b24restdocs api-reference/tasks/tasks-task-list.md)', () => {
    expect(
      parseTaskRows({ tasks: [{ id: '7', title: 'T', description: null, createdBy: '6', responsibleId: '7', createdDate: '2026-01-01T10:00:00+03:00', status: '5', changedBy: '6' }] }),
    ).toEqual([{ id: 7, title: 'T', description: '', createdBy: 6, responsibleId: 7, createdDate: '2026-01-01T10:00:00+03:00', status: 5, changedBy: 6 }])
  })
})
