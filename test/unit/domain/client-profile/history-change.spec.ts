import { describe, expect, it } from 'vitest'
import {
  canChangeHistoryEvent,
  historyChangeFromComment,
  historyChangePlan,
  historyChangeToComment,
  withLostDeleteDone,
  historyEventFromComment,
  planKind,
} from '@/domain/client-profile'
import { idempotencyTag, settle, stepState, withStep } from '@/domain/write-plan'

const now = new Date('2026-05-20T10:00:00Z')
const before = '[Подписание соглашения/договора] 2026-05-19\nОтправлен проект LOI\n[b24app:h1-event]'

describe('history event changes (issue 16)', () => {
  it('lets only the author change an event', () => {
    expect(canChangeHistoryEvent({ authorId: 3 }, 3)).toBe(true)
    expect(canChangeHistoryEvent({ authorId: 3 }, 2)).toBe(false)
    expect(canChangeHistoryEvent({ authorId: 0 }, 0)).toBe(false)
  })

  it('records what the event was, read back as the record of an edit or a delete', () => {
    const text = historyChangeToComment('edited', 41, before)
    expect(text.split('\n')[0]).toBe('[Событие истории изменено] #41')
    expect(historyChangeFromComment(text)).toEqual({
      action: 'edited',
      eventId: 41,
      before: { type: 'SIGNING', date: '2026-05-19', comment: 'Отправлен проект LOI\n[b24app:h1-event]', files: [] },
    })
    expect(historyChangeFromComment(historyChangeToComment('deleted', 7, before))?.action).toBe('deleted')
    // A record is never taken for an event, nor an event for a record.
    expect(historyEventFromComment(text)).toBeNull()
    expect(historyChangeFromComment(before)).toBeNull()
    expect(historyChangeFromComment('[Событие истории удалено] #x')).toBeNull()
  })

  it('an edit updates the comment first (the portal refuses others: nothing written), then records it, found again by its tag', () => {
    const plan = historyChangePlan({ planId: 'e1', companyId: 42, eventId: 41, beforeText: before, record: historyChangeToComment('edited', 41, before), afterText: 'new', now })
    expect(planKind(plan)).toBe('history-change')
    expect(plan.steps.map((step) => [step.key, step.method, step.kind])).toEqual([
      ['e1-update', 'crm.timeline.comment.update', 'set'],
      ['e1-record', 'crm.timeline.comment.add', 'create'],
    ])
    expect(plan.steps[0]!.params).toEqual({ id: 41, fields: { COMMENT: 'new' } })
    expect((plan.steps[1]!.params.fields as { COMMENT: string }).COMMENT).toBe(`${historyChangeToComment('edited', 41, before)}\n${idempotencyTag('e1-record')}`)
    expect(plan.steps[1]!.find).toMatchObject({ needle: idempotencyTag('e1-record') })
  })

  it('a delete deletes, then records; a repeat that finds the comment gone after a lost reply goes on to the record', () => {
    const plan = historyChangePlan({ planId: 'd1', companyId: 42, eventId: 41, beforeText: before, record: historyChangeToComment('deleted', 41, before), now })
    expect(plan.steps.map((step) => step.method)).toEqual(['crm.timeline.comment.delete', 'crm.timeline.comment.add'])
    expect(plan.meta).toMatchObject({ kind: 'history-change', action: 'deleted', eventId: 41 })
    const notFound = { kind: 'notFound', code: 'NOT_FOUND', description: 'Element not found' }
    const repeated = settle(withStep(plan, 'd1-delete', { status: 'failed', attempts: 2, error: notFound }), 'incomplete')
    const resumed = withLostDeleteDone(repeated)
    expect(resumed && stepState(resumed, 'd1-delete').status).toBe('done')
    expect(resumed && stepState(resumed, 'd1-record').status).toBe('pending')
    // Gone at the first send: someone else deleted it; nothing is recorded as this user's delete.
    expect(withLostDeleteDone(settle(withStep(plan, 'd1-delete', { status: 'failed', attempts: 1, error: notFound }), 'incomplete'))).toBeNull()
    expect(withLostDeleteDone(settle(withStep(plan, 'd1-delete', { status: 'failed', attempts: 2, error: { kind: 'access', code: 'ACCESS_DENIED', description: '' } }), 'incomplete'))).toBeNull()
  })
})
