// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { approvalSubjectsOf } from '../../../runner/events/approval-subjects'
import type { PortalEvent } from '../../../runner/events/offline-queue'

const event = (name: string, data: Record<string, unknown>): PortalEvent => ({ messageId: 'm', name, data, at: '' })

describe('events the approvals look at', () => {
  it('a timeline comment by its ID (on-Crm-Timeline-Comment-Add.md: data.ID), a task’s addition by FIELDS_AFTER.ID', () => {
    expect(approvalSubjectsOf(event('ONCRMTIMELINECOMMENTADD', { ID: 77 }))).toEqual([{ kind: 'approval-comment', id: 77 }])
    expect(approvalSubjectsOf(event('ONCRMTIMELINECOMMENTADD', { FIELDS: { ID: '78' } }))).toEqual([{ kind: 'approval-comment', id: 78 }])
    expect(approvalSubjectsOf(event('ONTASKADD', { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: '41' } }))).toEqual([{ kind: 'approval-task', id: 41 }])
  })

  it('nothing for task changes, deals, leads or a payload without an ID', () => {
    expect(approvalSubjectsOf(event('ONTASKUPDATE', { FIELDS_BEFORE: { ID: 41 }, FIELDS_AFTER: { ID: 41 } }))).toEqual([])
    expect(approvalSubjectsOf(event('ONCRMDEALUPDATE', { FIELDS: { ID: 7 } }))).toEqual([])
    expect(approvalSubjectsOf(event('ONCRMTIMELINECOMMENTADD', {}))).toEqual([])
    expect(approvalSubjectsOf(event('ONTASKADD', { FIELDS_AFTER: 'undefined' }))).toEqual([])
  })
})
